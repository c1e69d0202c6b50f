import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { toClientSchema } from './to-client-schema.ts';

describe('toClientSchema', () => {
  it('leaves out the merge fields and makes every query root field nullable', () => {
    const schema = toClientSchema(
      `type Title { id: ID! title: String! }
       type Query { title(id: ID!): Title! titles: [Title!]! _titles(ids: [ID!]!): [Title]! }
       type Mutation { rename(id: ID!): Title! }`,
      new Set(['_titles']),
    );
    expect(printSchema(schema)).toContain(`type Query {
  title(id: ID!): Title
  titles: [Title!]
}`);
    expect(printSchema(schema)).toContain('title: String!');
    expect(printSchema(schema)).toContain('rename(id: ID!): Title!');
  });
});
