import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { readAliasTraffic } from './alias-traffic.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { publishModuleVersion } from './publish-module-version.ts';

/**
 * A deployment's first step: publishes the module's code as a new Lambda version, the
 * candidate. Refuses while the alias is split (another deployment is mid-shift); a
 * version the alias already serves is promoted at once, with nothing to shift.
 */
export async function publishCandidate(run: ModuleRun): Promise<ModuleProgress> {
  const { target, release } = run;
  const traffic = await readAliasTraffic(target.lambda, run.ref);
  if (traffic.canary) {
    const detail = `the alias is already split (${traffic.version} and ${traffic.canary.version} at ${traffic.canary.weight}): finish or roll back that deployment first`;
    return recordProgress(run, { phase: 'failed', target: target.name }, 'refuse', detail);
  }
  const { version } = await publishModuleVersion(target.lambda, release.manifest, release.zip);
  const base = { target: target.name, stable: traffic.version, candidate: version };
  if (version === traffic.version) {
    return recordProgress(
      run,
      { ...base, phase: 'promoted', weight: 1 },
      'unchanged',
      `version ${version} is already live`,
    );
  }
  return recordProgress(
    run,
    { ...base, phase: 'published' },
    'publish-version',
    `published version ${version}; live is ${traffic.version}`,
  );
}
