import { describe, expect, it } from 'vitest';
import { dedupeInvokes } from './dedupe-invokes.ts';
import type { InvokeRequest, InvokeResult } from './types.ts';

describe('dedupeInvokes', () => {
  it('makes one invoke for identical requests in flight at once', async () => {
    let calls = 0;
    const invoke = dedupeInvokes(async (request: InvokeRequest): Promise<InvokeResult> => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return {
        statusCode: 200,
        executedVersion: '1',
        functionError: undefined,
        payload: request.payload,
      };
    });
    const request = { module: 'm', functionName: 'f', qualifier: 'live', payload: '{"a":1}' };
    const results = await Promise.all([
      invoke(request),
      invoke(request),
      invoke({ ...request, payload: '{"a":2}' }),
    ]);
    expect(calls).toBe(2);
    expect(results.map((r) => r.payload)).toEqual(['{"a":1}', '{"a":1}', '{"a":2}']);
    await invoke(request);
    expect(calls).toBe(3);
  });

  it('lets concurrent requests share an idempotent invoke that differs only in request id', async () => {
    let calls = 0;
    const invoke = dedupeInvokes(async (): Promise<InvokeResult> => {
      calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { statusCode: 200, executedVersion: '1', functionError: undefined, payload: '{}' };
    });
    const query = (requestId: string, idempotent: boolean) => ({
      module: 'm',
      functionName: 'f',
      qualifier: 'live',
      payload: `{"query":"{ a }","context":{"requestId":"${requestId}"}}`,
      sharedKey: '{"query":"{ a }"}',
      idempotent,
    });
    await Promise.all([invoke(query('r1', true)), invoke(query('r2', true))]);
    expect(calls).toBe(1);
    // A mutation (not idempotent) is never shared across requests.
    await Promise.all([invoke(query('r3', false)), invoke(query('r4', false))]);
    expect(calls).toBe(3);
  });
});
