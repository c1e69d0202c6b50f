import { describe, expect, it } from 'vitest';
import { mergeArgumentVariable, mergeFieldAlias, mergeFieldIndex } from './merge-aliases.ts';

describe('merge aliases', () => {
  it('alias the merge field at each place in a merge query by its index', () => {
    expect([0, 1, 12].map(mergeFieldAlias)).toEqual(['_0', '_1', '_12']);
  });

  it('read the index back from the alias', () => {
    expect([0, 1, 12].map((i) => mergeFieldIndex(mergeFieldAlias(i)))).toEqual([0, 1, 12]);
  });

  it("name each key argument's variable after the field's index and the argument", () => {
    expect(mergeArgumentVariable(1, 'ids')).toBe('_1_ids');
  });
});
