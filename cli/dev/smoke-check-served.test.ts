import { describe, expect, it } from 'vitest';
import type { SmokeCheck } from '../../modules/kit/index.ts';
import { replayableSmokeChecks } from './smoke-check-served.ts';

describe('replayableSmokeChecks', () => {
  it('keeps the checks that only read and stand alone, in order', () => {
    const checks: SmokeCheck[] = [
      { name: 'creates a load', rest: { method: 'POST', path: '/loads', expectStatus: 201 } },
      {
        name: 'reads it back',
        rest: { method: 'GET', path: '/loads/smoke-{{uuid}}', expectStatus: 200 },
      },
      { name: 'lists loads', rest: { method: 'GET', path: '/loads', expectStatus: 200 } },
      {
        name: 'rates',
        graphql: { query: 'mutation { rateTitle(titleId: "tt1", stars: 5) { id } }' },
      },
      { name: 'reads a title', graphql: { query: '{ title(id: "tt0089374") { id } }' } },
      { name: 'does not parse', graphql: { query: '{ title(' } },
    ];
    expect(replayableSmokeChecks(checks).map((check) => check.name)).toEqual([
      'lists loads',
      'reads a title',
    ]);
  });
});
