import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { BadRequestError } from './errors.ts';
import { readInput } from './read-input.ts';

const schema = z.object({ limit: z.coerce.number().int().max(50) });

describe('readInput', () => {
  it('answers the parsed value when it matches', () => {
    expect(readInput(schema, { limit: '10' }, 'query')).toEqual({ limit: 10 });
  });

  it('refuses a query string with INVALID_QUERY, naming the field', () => {
    const read = () => readInput(schema, { limit: '99' }, 'query');
    expect(read).toThrow(BadRequestError);
    expect(read).toThrow(/^The query string is invalid: limit: /);
    expect(read).toThrow(expect.objectContaining({ code: 'INVALID_QUERY', statusCode: 400 }));
  });

  it('refuses path parameters with INVALID_PATH', () => {
    expect(() => readInput(schema, {}, 'path')).toThrow(
      expect.objectContaining({ code: 'INVALID_PATH' }),
    );
  });
});
