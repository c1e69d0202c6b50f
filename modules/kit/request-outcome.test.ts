import { describe, expect, it } from 'vitest';
import { outcomeOfGraphletErrors, outcomeOfStatus } from './request-outcome.ts';

describe('outcomeOfStatus', () => {
  it('blames the module for a 5xx and the client for a 4xx', () => {
    expect([200, 302, 404, 418, 500, 503].map(outcomeOfStatus)).toEqual([
      'ok',
      'ok',
      'client-error',
      'client-error',
      'server-error',
      'server-error',
    ]);
  });
});

describe('outcomeOfGraphletErrors', () => {
  const error = (code?: string) => ({ message: 'x', ...(code ? { extensions: { code } } : {}) });

  it('calls an answer without errors ok', () => {
    expect(outcomeOfGraphletErrors(undefined)).toBe('ok');
    expect(outcomeOfGraphletErrors([])).toBe('ok');
  });

  it('blames the client for client error codes only', () => {
    expect(outcomeOfGraphletErrors([error('BAD_USER_INPUT'), error('NOT_FOUND')])).toBe(
      'client-error',
    );
  });

  it('blames the module for any other code, or none (a resolver that threw)', () => {
    expect(outcomeOfGraphletErrors([error('BAD_USER_INPUT'), error('READ_ONLY')])).toBe(
      'server-error',
    );
    expect(outcomeOfGraphletErrors([error()])).toBe('server-error');
  });
});
