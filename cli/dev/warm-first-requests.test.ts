import { describe, expect, it } from 'vitest';
import type { SmokeCheck } from '../../modules/kit/index.ts';
import { readOnlySmokeCheck } from './warm-first-requests.ts';

const issue: SmokeCheck = {
  name: 'issues',
  rest: { method: 'POST', path: '/gatepass', body: {}, expectStatus: 201 },
};
const read: SmokeCheck = {
  name: 'reads',
  rest: { method: 'GET', path: '/gatepass/x', expectStatus: 404 },
};
const rate: SmokeCheck = {
  name: 'rates',
  graphql: { query: 'mutation { rateTitle(titleId: "tt1", stars: 5) { stars } }' },
};
const query: SmokeCheck = { name: 'asks', graphql: { query: '{ title(id: "tt1") { id } }' } };

describe('readOnlySmokeCheck', () => {
  it('picks the first check that only reads, never one that writes', () => {
    expect(readOnlySmokeCheck([issue, read])).toBe(read);
    expect(readOnlySmokeCheck([rate, query])).toBe(query);
    expect(
      readOnlySmokeCheck([
        { name: 'named', graphql: { query: 'query Q { a } mutation M { b }' } },
        query,
      ]),
    ).toBe(query);
  });

  it('finds none when every check writes or does not parse', () => {
    expect(readOnlySmokeCheck([issue, rate])).toBeUndefined();
    expect(
      readOnlySmokeCheck([{ name: 'broken', graphql: { query: '{ title(' } }]),
    ).toBeUndefined();
    expect(readOnlySmokeCheck([])).toBeUndefined();
  });
});
