import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { LambdaInvokeError, ModuleError } from '../errors.ts';
import { formatErrors } from './format-errors.ts';

const internal = new GraphQLError('Cannot read properties of undefined (reading "x")', {
  path: ['a'],
  originalError: new TypeError('Cannot read properties of undefined (reading "x")'),
});
const production = { dev: false, requestId: 'req-7' };
const development = { dev: true, requestId: 'req-7' };

/** An error as the gateway places it from a module's answer: tagged with the module. */
const answered = (message: string, code?: string) =>
  new GraphQLError(message, {
    path: ['title'],
    extensions: { ...(code ? { code } : {}), module: 'titles' },
  });

const refusal = new LambdaInvokeError(
  'ResourceNotFoundException',
  404,
  'Module "hello": ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:000000000000:function:turnout-hello:live',
  { module: 'hello' },
);
/** As the module executor wraps it: the gateway error's message, the error as its cause. */
const unavailable = new GraphQLError(refusal.message, { path: ['hello'], originalError: refusal });

describe('formatErrors', () => {
  it('masks an unexpected exception outside dev mode, naming the request id', () => {
    expect(formatErrors([internal], production)).toEqual([
      {
        message: 'Internal error',
        path: ['a'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-7' },
      },
    ]);
  });

  it('shows the message in dev mode, still without a stack', () => {
    const [error] = formatErrors([internal], development);
    expect(error?.message).toContain('Cannot read');
    expect(JSON.stringify(error)).not.toContain('at ');
  });

  it('tells a client which module failed, how, and under which request id, but not Lambda’s text', () => {
    const [error] = formatErrors([unavailable], production);
    expect(error).toEqual({
      message:
        'Module "hello" could not be reached. The gateway logged the details under request id req-7.',
      path: ['hello'],
      extensions: { code: 'MODULE_UNAVAILABLE', module: 'hello', requestId: 'req-7' },
    });
    expect(JSON.stringify(error)).not.toMatch(/arn:|ResourceNotFound/);
  });

  it('keeps Lambda’s text in dev mode', () => {
    expect(formatErrors([unavailable], development)[0]?.message).toContain('Function not found');
  });

  it('keeps gateway errors with their code and module', () => {
    const failed = new GraphQLError('Module "ratings" failed', {
      originalError: new ModuleError('MODULE_ERROR', 'ratings', 'Module "ratings" failed'),
    });
    expect(formatErrors([failed], production)[0]?.extensions).toEqual({
      code: 'MODULE_ERROR',
      module: 'ratings',
      requestId: 'req-7',
    });
  });

  it.each([
    ['without a code', undefined],
    ['with an internal code', 'ResourceNotFoundException'],
    ['with a validation code (it describes the module’s schema)', 'GRAPHQL_VALIDATION_FAILED'],
  ])('masks a module’s own error %s outside dev mode', (_case, code) => {
    const [error] = formatErrors(
      [answered('Cannot do operations on a non-existent table', code)],
      production,
    );
    expect(error?.message).toBe(
      'Module "titles" failed. The gateway logged the details under request id req-7.',
    );
    expect(error?.extensions).toEqual({
      code: 'MODULE_ERROR',
      module: 'titles',
      requestId: 'req-7',
    });
    expect(error?.path).toEqual(['title']);
  });

  it('passes on a module’s message written for the client', () => {
    const badId = answered(
      '"x" is not a title id; title ids look like tt0089374',
      'BAD_USER_INPUT',
    );
    expect(formatErrors([badId], production)[0]).toEqual(badId.toJSON());
  });

  it('passes on a module’s own error as it is in dev mode', () => {
    const error = answered('Cannot do operations on a non-existent table');
    expect(formatErrors([error], development)[0]?.message).toContain('non-existent table');
  });

  it('sends identical errors once', () => {
    const repeated = new GraphQLError('boom', { path: ['x'], extensions: { code: 'E' } });
    expect(formatErrors([repeated, repeated], production)).toHaveLength(1);
  });
});
