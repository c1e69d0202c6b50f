import { describe, expect, it } from 'vitest';
import { chooseRegions } from './choose-regions.ts';

const east = { region: 'us-east-1', on: true, healthy: true, rttMs: 5 };
const west = { region: 'us-west-2', on: true, healthy: true, rttMs: 2 };

describe('chooseRegions', () => {
  it('sends a client to its home Region first, the other after', () => {
    expect(chooseRegions([east, west], 'us-east-1')).toEqual(['us-east-1', 'us-west-2']);
  });

  it('sends a client without a home to the lowest round-trip time', () => {
    expect(chooseRegions([east, west])).toEqual(['us-west-2', 'us-east-1']);
  });

  it('leaves out a Region whose routing control is off, home or not', () => {
    expect(chooseRegions([east, { ...west, on: false }], 'us-west-2')).toEqual(['us-east-1']);
  });

  it('leaves out a Region whose health check fails', () => {
    expect(chooseRegions([{ ...east, healthy: false }, west], 'us-east-1')).toEqual(['us-west-2']);
  });

  it('fails open to the Regions that are on when every health check fails', () => {
    const down = [
      { ...east, healthy: false },
      { ...west, healthy: false, on: false },
    ];
    expect(chooseRegions(down)).toEqual(['us-east-1']);
  });
});
