import { describe, expect, it } from 'vitest';
import { silentLogger } from '../create-json-logger.ts';
import { isFailedInvoke } from './is-failed-invoke.ts';
import { retryCanaryFailures } from './retry-canary-failures.ts';
import type { InvokeRequest, InvokeResult } from './types.ts';

/**
 * Lambda's side, in process: the alias runs `next()` version each time; a version in
 * `failing` fails. The end-to-end path (a real alias on the local Lambda) is in
 * test/deploy-release.test.ts.
 */
function aliasRunning(order: string[], failing: Set<string>) {
  const calls: string[] = [];
  let i = 0;
  const invoke = async (request: InvokeRequest): Promise<InvokeResult> => {
    const version = /^\d+$/.test(request.qualifier)
      ? request.qualifier
      : (order[i++ % order.length] as string);
    calls.push(`${request.qualifier}->${version}`);
    const failed = failing.has(version);
    return {
      statusCode: 200,
      executedVersion: version,
      functionError: failed ? 'Unhandled' : undefined,
      payload: failed ? '{"errorType":"Error"}' : '{"data":{}}',
    };
  };
  return { invoke, calls };
}

const request = (idempotent: boolean, stableVersion?: string): InvokeRequest => ({
  module: 'titles',
  functionName: 'turnout-titles',
  qualifier: 'live',
  payload: '{}',
  kind: 'graphql',
  idempotent,
  ...(stableVersion ? { stableVersion } : {}),
});

describe('retryCanaryFailures', () => {
  it('retries a failed query of the canary once on the stable version, by number', async () => {
    const lambda = aliasRunning(['7', '7', '8'], new Set(['8']));
    const invoke = retryCanaryFailures(lambda.invoke, { logger: silentLogger });
    const results = await Promise.all([1, 2, 3].map(() => invoke(request(true, '7'))));
    expect(results.map((r) => r.executedVersion)).toEqual(['7', '7', '7']);
    expect(lambda.calls).toEqual(['live->7', 'live->7', 'live->8', '7->7']);
  });

  it('never runs a mutation twice', async () => {
    const lambda = aliasRunning(['7', '8'], new Set(['8']));
    const invoke = retryCanaryFailures(lambda.invoke, { logger: silentLogger });
    await invoke(request(false, '7'));
    const failed = await invoke(request(false, '7'));
    expect(isFailedInvoke(request(false), failed)).toBe(true);
    expect(lambda.calls).toEqual(['live->7', 'live->8']);
  });

  it('does not retry when the stable version is the one failing', async () => {
    const lambda = aliasRunning(['8', '7'], new Set(['7']));
    const invoke = retryCanaryFailures(lambda.invoke, { logger: silentLogger });
    await invoke(request(true, '7'));
    await invoke(request(true, '7'));
    expect(lambda.calls).toEqual(['live->8', 'live->7']);
  });

  it('does not retry on another version when the alias is not split', async () => {
    // Version 8 took all traffic a moment ago and fails; 7 answered well before it, but
    // no generation names a stable version any more, so nothing is retried.
    const lambda = aliasRunning(['7', '8', '8'], new Set(['8']));
    const invoke = retryCanaryFailures(lambda.invoke, { logger: silentLogger });
    for (let i = 0; i < 3; i++) await invoke(request(true));
    expect(lambda.calls).toEqual(['live->7', 'live->8', 'live->8']);
  });

  it('retries only onto the version the split names as stable, not the newest that answered', async () => {
    // 6 is stable; 7 was rolled back a moment ago but answered well; 8 is the canary.
    const lambda = aliasRunning(['7', '8'], new Set(['8']));
    const invoke = retryCanaryFailures(lambda.invoke, { logger: silentLogger });
    await invoke(request(true, '6'));
    await invoke(request(true, '6'));
    expect(lambda.calls).toEqual(['live->7', 'live->8', '6->6']);
  });

  it('retries a read the canary answered against the contract, as if it had failed', async () => {
    const lambda = aliasRunning(['7', '8'], new Set());
    const invoke = retryCanaryFailures(
      async (r) => {
        const result = await lambda.invoke(r);
        // Version 8 answers its merge field with an empty list.
        return result.executedVersion === '8'
          ? { ...result, payload: '{"data":{"_0":[]}}' }
          : result;
      },
      { logger: silentLogger },
    );
    const read = {
      ...request(true, '7'),
      answerCheck: (data: Record<string, unknown>) =>
        Array.isArray(data._0) ? '_titles: 0 entries for 3 keys' : undefined,
    };
    await invoke(read);
    const retried = await invoke(read);
    expect(retried.executedVersion).toBe('7');
    expect(lambda.calls).toEqual(['live->7', 'live->8', '7->7']);
  });
});
