import { describe, expect, it } from 'vitest';
import { imageFingerprint, isLaterWrite } from './item-versions.ts';

describe('isLaterWrite', () => {
  it('lets the later timestamp win', () => {
    expect(isLaterWrite({ timeMs: 2, region: 'a' }, { timeMs: 1, region: 'b' })).toBe(true);
    expect(isLaterWrite({ timeMs: 1, region: 'b' }, { timeMs: 2, region: 'a' })).toBe(false);
  });

  it('breaks a tie the same way from either side, so replicas converge', () => {
    const east = { timeMs: 5, region: 'us-east-1' };
    const west = { timeMs: 5, region: 'us-west-2' };
    expect(isLaterWrite(west, east)).toBe(true);
    expect(isLaterWrite(east, west)).toBe(false);
  });
});

describe('imageFingerprint', () => {
  it('ignores the order of attributes', () => {
    expect(imageFingerprint({ a: { S: 'x' }, b: { N: '1' } })).toBe(
      imageFingerprint({ b: { N: '1' }, a: { S: 'x' } }),
    );
  });

  it('tells different values and a deletion apart', () => {
    expect(imageFingerprint({ a: { S: 'x' } })).not.toBe(imageFingerprint({ a: { S: 'y' } }));
    expect(imageFingerprint(undefined)).not.toBe(imageFingerprint({}));
  });

  it('reads binary values by their bytes', () => {
    expect(imageFingerprint({ b: { B: new Uint8Array([1, 2]) } })).toBe(
      imageFingerprint({ b: { B: new Uint8Array([1, 2]) } }),
    );
    expect(imageFingerprint({ b: { B: new Uint8Array([1, 2]) } })).not.toBe(
      imageFingerprint({ b: { B: new Uint8Array([1, 3]) } }),
    );
  });
});
