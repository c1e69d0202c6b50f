import { describe, expect, it } from 'vitest';
import { findSmokeMismatch } from './find-smoke-mismatch.ts';
import type { SmokeShape } from './manifest-schema.ts';

const poster = { id: 'tt0089374', primaryImage: { url: 'p.jpg', width: 1000 } };

describe('findSmokeMismatch', () => {
  it('passes data that holds the expected subset, with more besides', () => {
    const expected = { _titles: [{ primaryImage: { url: 'p.jpg' } }] };
    expect(findSmokeMismatch({ data: expected }, { _titles: [poster], more: 1 }, 'data')).toBe(
      undefined,
    );
  });

  it.each([
    ['an empty list', { _titles: [] }, 'data._titles: expected 1 items, got 0'],
    [
      'a null object',
      { _titles: [{ id: 'tt0089374', primaryImage: null }] },
      'data._titles.0.primaryImage: expected an object, got null',
    ],
    [
      'another value',
      { _titles: [{ primaryImage: { url: 'q.jpg' } }] },
      'data._titles.0.primaryImage.url: expected "p.jpg", got "q.jpg"',
    ],
    [
      'a number as a string',
      { _titles: [{ primaryImage: { url: 'p.jpg', width: '1000' } }] },
      'data._titles.0.primaryImage.width: expected 1000, got "1000"',
    ],
    ['a missing key', { _titles: [{ id: 'tt0089374' }] }, 'data._titles.0.primaryImage: missing'],
  ])('names where data differs from the subset: %s', (_case, actual, mismatch) => {
    const expected = { _titles: [{ primaryImage: { url: 'p.jpg', width: 1000 } }] };
    expect(findSmokeMismatch({ data: expected }, actual, 'data')).toBe(mismatch);
  });

  it('passes data of the expected shape', () => {
    const shape: SmokeShape = {
      _titles: [{ id: 'string', primaryImage: { url: 'string', caption: 'string?' } }],
    };
    expect(findSmokeMismatch({ shape }, { _titles: [poster] }, 'data')).toBeUndefined();
  });

  it.each([
    [
      'an empty list',
      { _titles: [] },
      'data._titles: expected a list of at least one item, got an empty list',
    ],
    [
      'a string where the list belongs',
      { _titles: 'tt1' },
      'data._titles: expected a list, got "tt1"',
    ],
    [
      'a null object',
      { _titles: [{ id: 'tt1', primaryImage: null }] },
      'data._titles.0.primaryImage: expected an object, got null',
    ],
    [
      'a number where a string belongs',
      { _titles: [{ id: 7, primaryImage: {} }] },
      'data._titles.0.id: expected a string, got 7',
    ],
  ])('names where data differs from the shape: %s', (_case, actual, mismatch) => {
    const shape: SmokeShape = { _titles: [{ id: 'string', primaryImage: { url: 'string?' } }] };
    expect(findSmokeMismatch({ shape }, actual, 'data')).toBe(mismatch);
  });

  it('takes [] as any list, even an empty one, and "any" as any value but null', () => {
    expect(
      findSmokeMismatch({ shape: { stops: [], id: 'any' } }, { stops: [], id: 3 }, 'body'),
    ).toBe(undefined);
    expect(findSmokeMismatch({ shape: { id: 'any' } }, { id: null }, 'body')).toBe(
      'body.id: expected a value, got null',
    );
  });
});
