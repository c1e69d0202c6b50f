import { describe, expect, it } from 'vitest';
import { readMergeFields } from './read-merge-fields.ts';

describe('readMergeFields', () => {
  it('names the root fields any module marks with @merge', () => {
    const fields = readMergeFields([
      {
        sdl: 'type Query { title(id: ID!): Title _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") } type Title { id: ID! }',
      },
      {
        sdl: 'extend type Query { _people(ids: [ID!]!): [Person]! @merge(keyField: "id") } type Person { id: ID! }',
      },
      { sdl: 'type Query { hello: String }' },
    ]);
    expect([...fields].sort()).toEqual(['_people', '_titles']);
  });
});
