import { describe, expect, it } from 'vitest';
import { readKnownIds, requireKnownId } from './known-ids.ts';

describe('known ids', () => {
  it('reads a comma-separated setting, ignoring blanks and spaces', () => {
    expect([...readKnownIds(' DFW7, ATL6,,')]).toEqual(['DFW7', 'ATL6']);
    expect(readKnownIds(undefined).size).toBe(0);
  });

  it('refuses an unknown id with a 400 naming the field and the known ids', () => {
    const known = readKnownIds('DFW7,ATL6');
    expect(() =>
      requireKnownId(known, 'ZZZ1', {
        field: 'facilityId',
        noun: 'facility',
        code: 'UNKNOWN_FACILITY',
      }),
    ).toThrow(
      expect.objectContaining({
        statusCode: 400,
        code: 'UNKNOWN_FACILITY',
        message: 'facilityId: "ZZZ1" is not a known facility; known: ATL6, DFW7.',
      }),
    );
    expect(() =>
      requireKnownId(known, 'DFW7', {
        field: 'facilityId',
        noun: 'facility',
        code: 'UNKNOWN_FACILITY',
      }),
    ).not.toThrow();
  });
});
