import { describe, expect, it } from 'vitest';
import { sortByModuleName } from './sort-by-module-name.ts';

describe('sortByModuleName', () => {
  it('orders module names as publish does with localeCompare', () => {
    const names = ['titles', 'm10', 'm2', 'm-2', 'm1', 'a-b', 'ab', 'a0', 'title-awards', 'title'];
    const subgraphs = names.map((module) => ({ module }));
    expect(sortByModuleName(subgraphs).map((s) => s.module)).toEqual(
      [...names].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('leaves the list it was given as it was', () => {
    const subgraphs = [{ module: 'b' }, { module: 'a' }];
    sortByModuleName(subgraphs);
    expect(subgraphs.map((s) => s.module)).toEqual(['b', 'a']);
  });
});
