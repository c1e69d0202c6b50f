import type { ModuleRun } from './module-run.ts';
import { runSmokeChecks } from './run-smoke-checks.ts';

/**
 * Runs the module's smoke checks against `qualifier` (the candidate version, or the live
 * alias): what failed, on one line, or undefined when every check passed.
 */
export async function findSmokeFailure(
  run: ModuleRun,
  qualifier: string,
): Promise<string | undefined> {
  const results = await runSmokeChecks(run.target.lambda, {
    functionName: run.ref.functionName,
    qualifier,
    checks: run.release.manifest.smokeChecks,
  });
  const failed = results.filter((r) => !r.passed);
  return failed.length ? failed.map((r) => `${r.name}: ${r.detail}`).join('; ') : undefined;
}
