import { describe, expect, it } from 'vitest';
import { memoizeBounded } from './memoize-bounded.ts';

describe('memoizeBounded', () => {
  it('computes each key once while it is held', () => {
    const computed: string[] = [];
    const upper = memoizeBounded(10, (key) => {
      computed.push(key);
      return key.toUpperCase();
    });
    expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(computed).toEqual(['a', 'b']);
  });

  it('forgets everything when a new key comes with the memo full, and never holds more', () => {
    const computed: string[] = [];
    const held = memoizeBounded(2, (key) => {
      computed.push(key);
      return key.length;
    });
    for (const key of ['a', 'bb', 'ccc', 'a', 'ccc']) held(key);
    // 'ccc' emptied the memo (holding a and bb), so 'a' was computed again; 'ccc' was held.
    expect(computed).toEqual(['a', 'bb', 'ccc', 'a']);
  });
});
