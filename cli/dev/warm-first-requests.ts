import { randomUUID } from 'node:crypto';
import { smokeCheckPayload } from '../../control-plane/deploy/index.ts';
import { type Invoker, ModuleTimeoutError } from '../../gateway/index.ts';
import { fillSmokeCheck, LIVE_ALIAS, type SmokeCheck } from '../../modules/kit/index.ts';
import { smokeCheckReadsOnly } from './smoke-check-reads-only.ts';

/** How long the start waits for the first requests, all together, before it says Turnout is running. */
export const FIRST_REQUESTS_TIMEOUT_MS = 15_000;

/** One function to warm: a module's, or one cell's, with the smoke checks its manifest declares. */
export interface FirstRequestTarget {
  /** The module (for a cell, its unit name: `gatepass-cell-2`). */
  module: string;
  functionName: string;
  /** For a cell, its name, as the gateway names it in health samples. */
  cell?: string;
  smokeChecks: readonly SmokeCheck[];
}

/**
 * Sends each function one real request through its `live` alias, with the gateway's own
 * invoker, before `turnout dev` says Turnout is running: the first of the module's smoke
 * checks that only reads (a GraphQL query, a REST GET or HEAD), as its caller. Warming
 * the environment runs its init only; the first request after it still paid each SDK
 * client's first call (its connection, its credentials) and the gateway its first
 * connection to Lambda, which this request pays instead. Nothing is written: a check
 * that writes is never sent. Its answer is not judged (a check that expects what an
 * earlier check wrote may find nothing); a function that failed, or did not answer
 * within `timeoutMs` for all of them together, is named, and the start goes on.
 *
 * @returns one line per function not warmed, saying why
 * @example
 * const notWarmed = await warmFirstRequests(invoker.invoke, targets);
 */
export async function warmFirstRequests(
  invoke: Invoker,
  targets: readonly FirstRequestTarget[],
  timeoutMs = FIRST_REQUESTS_TIMEOUT_MS,
): Promise<string[]> {
  const values = { uuid: randomUUID() };
  const outcomes = await Promise.all(
    targets.map(async (target) => {
      const check = readOnlySmokeCheck(target.smokeChecks);
      if (!check) return `${target.functionName}: declares no read-only smoke check to warm with`;
      const filled = fillSmokeCheck(check, values);
      try {
        const result = await invoke({
          module: target.module,
          functionName: target.functionName,
          ...(target.cell ? { cell: target.cell } : {}),
          qualifier: LIVE_ALIAS,
          payload: smokeCheckPayload(filled, `warm-up-${randomUUID()}`),
          timeoutMs,
          kind: 'graphql' in check ? 'graphql' : 'rest',
          idempotent: true,
        });
        return result.functionError
          ? `${target.functionName}: its first request failed (${result.functionError}): ${result.payload.slice(0, 200)}`
          : undefined;
      } catch (error) {
        if (error instanceof ModuleTimeoutError)
          return `${target.functionName}: its first request did not answer within ${timeoutMs} ms (a busy machine)`;
        const why = error instanceof Error ? error.message : String(error);
        return `${target.functionName}: its first request failed: ${why}`;
      }
    }),
  );
  return outcomes.filter((line) => line !== undefined);
}

/** The first check that reads only: a GraphQL query (no mutation or subscription), or a REST GET or HEAD. */
export function readOnlySmokeCheck(checks: readonly SmokeCheck[]): SmokeCheck | undefined {
  return checks.find(smokeCheckReadsOnly);
}
