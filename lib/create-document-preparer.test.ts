import { buildSchema, GraphQLError, type ValidationRule } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { createDocumentPreparer } from './create-document-preparer.ts';

const schema = buildSchema('type Query { title(id: ID!): String }');

describe('createDocumentPreparer', () => {
  it('keeps what it prepared for a valid text and answers it again without parsing', () => {
    const prepared = vi.fn((document) => ({ document }));
    const prepare = createDocumentPreparer({ schema, prepared });
    const first = prepare('{ title(id: "t1") }');
    const second = prepare('{ title(id: "t1") }');
    expect(first.ok && second.ok && first.prepared === second.prepared).toBe(true);
    expect(prepared).toHaveBeenCalledTimes(1);
  });

  it('answers a syntax error as GRAPHQL_PARSE_FAILED, where it is', () => {
    const preparation = createDocumentPreparer({ schema, prepared: (d) => d })('{ title(');
    expect(preparation.ok).toBe(false);
    if (preparation.ok) return;
    expect(preparation.stage).toBe('parse');
    expect(preparation.errors[0]?.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(preparation.errors[0]?.locations).toEqual([{ line: 1, column: 9 }]);
  });

  it('stops reading past the token limit, with the message it is given', () => {
    const prepare = createDocumentPreparer({
      schema,
      prepared: (d) => d,
      tokenLimit: { maxTokens: 5, message: 'Too long.' },
    });
    const preparation = prepare(`{ ${'__typename '.repeat(10)} }`);
    expect(preparation.ok ? [] : preparation.errors.map((e) => e.toJSON())).toEqual([
      { message: 'Too long.', extensions: { code: 'TOKEN_LIMIT_EXCEEDED' } },
    ]);
  });

  it("runs the given rules after graphql-js's own, and keeps no invalid text", () => {
    const noTitles: ValidationRule = (context) => ({
      Field(field) {
        if (field.name.value === 'title') context.reportError(new GraphQLError('No titles.'));
      },
    });
    const prepared = vi.fn((document) => document);
    const prepare = createDocumentPreparer({ schema, prepared, rules: [noTitles] });
    for (const query of ['{ title(id: "t1") }', '{ title(id: "t1") }', '{ nope }']) {
      const preparation = prepare(query);
      expect(preparation.ok ? 'ok' : preparation.stage).toBe('validate');
    }
    expect(prepared).not.toHaveBeenCalled();
  });
});
