import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { readVersionRecord } from '../registry/index.ts';
import { readAliasTraffic } from './alias-traffic.ts';
import { loadPublish } from './load-publish.ts';
import { type ModuleRun, recordProgress } from './module-run.ts';
import { publishModuleVersion } from './publish-module-version.ts';

/**
 * A deployment's first step: publishes the module's code as a new Lambda version, the
 * candidate. Refuses while the alias is split (another deployment is mid-shift); a
 * version the alias already serves is promoted at once, with nothing to shift, once the
 * registry has its schema and routes.
 */
export async function publishCandidate(run: ModuleRun): Promise<ModuleProgress> {
  const { target, release } = run;
  const traffic = await readAliasTraffic(target.lambda, run.ref);
  if (traffic.canary) {
    const detail = `the alias is already split (${traffic.version} and ${traffic.canary.version} at ${traffic.canary.weight}): finish or roll back that deployment first`;
    return recordProgress(run, { phase: 'failed', target: target.name }, 'refuse', detail);
  }
  const { version } = await publishModuleVersion(
    target.lambda,
    run.ref.functionName,
    release,
    run.ctx.deploymentId,
  );
  const base = { target: target.name, stable: traffic.version, candidate: version };
  if (version === traffic.version) {
    const refusal = await recordLiveVersion(run, version);
    if (refusal) return recordProgress(run, { ...base, phase: 'failed' }, 'reject-schema', refusal);
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

/** Code already live may never have been recorded (published before release units). */
async function recordLiveVersion(run: ModuleRun, version: string): Promise<string | undefined> {
  const { documents, registryTable } = run.target;
  if (await readVersionRecord(documents, registryTable, run.module, version)) return undefined;
  const publish = await loadPublish();
  try {
    await publish.recordModuleVersion({
      manifest: run.release.manifest,
      version,
      clients: { documents },
      registryTable,
      resourcePrefix: run.target.resourcePrefix,
      allowBreaking: run.ctx.allowBreaking,
    });
    return undefined;
  } catch (error) {
    if (!(error instanceof publish.PublishRejectedError)) throw error;
    return error.message;
  }
}
