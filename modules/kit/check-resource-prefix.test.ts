import { describe, expect, it } from 'vitest';
import { checkResourcePrefix } from './check-resource-prefix.ts';

describe('checkResourcePrefix', () => {
  it('takes lowercase letters and digits', () => {
    expect(checkResourcePrefix('turnout')).toBe('turnout');
    expect(checkResourcePrefix('turnoutstg2')).toBe('turnoutstg2');
  });

  it('refuses a dash, which would let two environments share names, and suggests one without', () => {
    expect(() => checkResourcePrefix('turnout-staging')).toThrow(
      expect.objectContaining({
        code: 'INVALID_RESOURCE_PREFIX',
        message: expect.stringContaining('e.g. "turnoutstaging"'),
      }),
    );
  });

  it('refuses upper case, a leading digit and more than 16 characters', () => {
    for (const prefix of ['Turnout', '1turnout', 'turnoutenvironment1', '']) {
      expect(() => checkResourcePrefix(prefix)).toThrow(/2-16 lowercase letters and digits/);
    }
  });
});
