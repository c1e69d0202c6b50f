import { describe, expect, it } from 'vitest';
import { answerViolation, isFailedInvoke } from './is-failed-invoke.ts';

const answer = (payload: unknown, functionError?: string) => ({
  statusCode: 200,
  executedVersion: '4',
  functionError,
  payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

describe('isFailedInvoke', () => {
  it('counts a function error of any module', () => {
    expect(isFailedInvoke({ kind: 'graphql' }, answer({ errorType: 'Error' }, 'Unhandled'))).toBe(
      true,
    );
  });

  it('counts a REST 5xx answer, not a 4xx', () => {
    expect(isFailedInvoke({ kind: 'rest' }, answer({ statusCode: 500, body: '{}' }))).toBe(true);
    expect(isFailedInvoke({ kind: 'rest' }, answer({ statusCode: 404, body: '{}' }))).toBe(false);
  });

  it('counts a graphlet error that is the module’s fault, not the client’s', () => {
    const thrown = { data: { x: null }, errors: [{ message: 'boom', path: ['x'] }] };
    const badInput = {
      data: { x: null },
      errors: [{ message: 'bad id', extensions: { code: 'BAD_USER_INPUT' } }],
    };
    expect(isFailedInvoke({ kind: 'graphql' }, answer(thrown))).toBe(true);
    expect(isFailedInvoke({ kind: 'graphql' }, answer(badInput))).toBe(false);
    expect(isFailedInvoke({ kind: 'graphql' }, answer({ data: { x: 1 } }))).toBe(false);
  });

  it('counts a graphlet answer that is a bare string or no JSON at all', () => {
    expect(isFailedInvoke({ kind: 'graphql' }, answer('"all good"'))).toBe(true);
    expect(isFailedInvoke({ kind: 'graphql' }, answer('<html>oops'))).toBe(true);
  });

  it('counts a graphlet answer whose data fails the request’s check, and says why', () => {
    const request = {
      kind: 'graphql' as const,
      answerCheck: () => '_titles: 0 entries for 3 keys',
    };
    const empty = answer({ data: { _0: [] } });
    expect(isFailedInvoke(request, empty)).toBe(true);
    expect(answerViolation(request, empty)).toBe('_titles: 0 entries for 3 keys');
  });
});
