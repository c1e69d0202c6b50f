import type { LambdaClient } from '@aws-sdk/client-lambda';
import { runSmokeChecks } from '../../control-plane/deploy/index.ts';
import type { SmokeCheck } from '../../modules/kit/index.ts';
import { smokeCheckReadsOnly } from './smoke-check-reads-only.ts';

/** A version an edit (or an added module) serves now, in one deploy unit. */
export interface ServedVersion {
  functionName: string;
  version: string;
  /** The cell, when the unit is one. */
  cell?: string;
}

/**
 * Runs the module's smoke checks that a save may run again and again against each
 * version it now serves, as a deployment runs them before any traffic: those that only
 * read and stand alone (no `{{uuid}}`, which names what an earlier check wrote). The
 * version serves already: a failing check is told, not undone, so the module team
 * learns at the save what `turnout deploy` would refuse.
 *
 * @returns one line per check that failed, naming it, the version and why
 * @example
 * const lines = await smokeCheckServed(lambda, 'titles', [{ functionName, version: '5' }], checks);
 * // ['titles: smoke check "reads a title" fails on version 5: the answer differs ...']
 */
export async function smokeCheckServed(
  lambda: LambdaClient,
  module: string,
  served: readonly ServedVersion[],
  checks: readonly SmokeCheck[],
): Promise<string[]> {
  const runnable = replayableSmokeChecks(checks);
  if (runnable.length === 0) return [];
  const lines: string[] = [];
  for (const { functionName, version, cell } of served) {
    const results = await runSmokeChecks(lambda, {
      functionName,
      qualifier: version,
      checks: runnable,
    });
    for (const result of results.filter((r) => !r.passed)) {
      const where = cell ? `${cell} version ${version}` : `version ${version}`;
      lines.push(
        `${module}: smoke check "${result.name}" fails on ${where}: ${result.detail}. \`turnout deploy\` would refuse this version.`,
      );
    }
  }
  return lines;
}

/**
 * The smoke checks a save may run again and again: those that only read
 * (`smokeCheckReadsOnly`) and stand alone (no placeholder such as `{{uuid}}`, which names
 * what an earlier check of the same run wrote).
 */
export function replayableSmokeChecks(checks: readonly SmokeCheck[]): SmokeCheck[] {
  return checks.filter(
    (check) => smokeCheckReadsOnly(check) && !JSON.stringify(check).includes('{{'),
  );
}
