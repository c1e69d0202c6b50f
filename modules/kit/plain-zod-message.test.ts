import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { plainZodMessage } from './plain-zod-message.ts';

const messageOf = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { error: plainZodMessage }).error?.issues[0]?.message;

describe('plain zod messages', () => {
  it('says a missing field is missing and what to give', () => {
    expect(messageOf(z.object({ to: z.string() }), {})).toBe('missing: give a string');
  });

  it('says what a value of the wrong type is and what it must be', () => {
    expect(messageOf(z.object({ n: z.number() }), { n: 'x' })).toBe(
      'is a string, but must be a number',
    );
    expect(messageOf(z.object({ n: z.array(z.string()) }), { n: {} })).toBe(
      'is an object, but must be an array',
    );
  });

  it('names a field that is not one and says to remove it', () => {
    expect(messageOf(z.strictObject({ a: z.string() }), { a: 'x', tabels: {} })).toBe(
      '"tabels" is not a field here: remove it, or check the spelling',
    );
  });

  it('lists the allowed values, and sizes with their unit', () => {
    expect(messageOf(z.enum(['low', 'high']), 'mid')).toBe('must be one of "low", "high"');
    expect(messageOf(z.string().min(3), 'ab')).toBe('must have at least 3 characters');
    expect(messageOf(z.array(z.string()).max(1), ['a', 'b'])).toBe('must hold at most 1 item');
    expect(messageOf(z.number().min(5), 1)).toBe('must be at least 5');
  });

  it('leaves a message the schema gives itself alone', () => {
    expect(messageOf(z.string('give the text'), undefined)).toBe('give the text');
  });
});
