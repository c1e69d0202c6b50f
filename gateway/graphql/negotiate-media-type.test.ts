import { describe, expect, it } from 'vitest';
import { negotiateMediaType } from './negotiate-media-type.ts';

describe('negotiateMediaType', () => {
  it('treats a missing Accept as a legacy application/json client', () => {
    expect(negotiateMediaType(undefined)).toBe('application/json');
  });

  it('prefers graphql-response+json when the client ranks it first', () => {
    expect(negotiateMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(negotiateMediaType('application/graphql-response+json;q=0.5, application/json')).toBe(
      'application/json',
    );
  });

  it('answers wildcards with application/json', () => {
    expect(negotiateMediaType('*/*')).toBe('application/json');
  });

  it('finds nothing acceptable for other types', () => {
    expect(negotiateMediaType('text/csv')).toBeUndefined();
    expect(negotiateMediaType('application/json;q=0')).toBeUndefined();
  });
});
