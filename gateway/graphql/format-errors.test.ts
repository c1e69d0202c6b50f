import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ModuleError } from '../errors.ts';
import { formatErrors } from './format-errors.ts';

const internal = new GraphQLError('Cannot read properties of undefined (reading "x")', {
  path: ['a'],
  originalError: new TypeError('Cannot read properties of undefined (reading "x")'),
});

describe('formatErrors', () => {
  it('masks an unexpected exception outside dev mode', () => {
    expect(formatErrors([internal], { dev: false })).toEqual([
      { message: 'Internal error', path: ['a'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
  });

  it('shows the message in dev mode, still without a stack', () => {
    const [error] = formatErrors([internal], { dev: true });
    expect(error?.message).toContain('Cannot read');
    expect(JSON.stringify(error)).not.toContain('at ');
  });

  it('keeps gateway errors with their code and module', () => {
    const failed = new GraphQLError('Module "ratings" failed', {
      originalError: new ModuleError('MODULE_ERROR', 'ratings', 'Module "ratings" failed'),
    });
    expect(formatErrors([failed], { dev: false })[0]?.extensions).toEqual({
      code: 'MODULE_ERROR',
      module: 'ratings',
    });
  });

  it('sends identical errors once', () => {
    const repeated = new GraphQLError('boom', { path: ['x'], extensions: { code: 'E' } });
    expect(formatErrors([repeated, repeated], { dev: false })).toHaveLength(1);
  });
});
