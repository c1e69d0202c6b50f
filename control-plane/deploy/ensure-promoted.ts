import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { type ModuleAt, recordProgress } from './module-run.ts';
import { releaseStableVersion } from './release-stable-version.ts';

/**
 * The record says promoted: the registry must say the candidate alone serves the
 * module, ending the union, so what the candidate dropped leaves the schema. Safe to
 * repeat: a resumed promotion, or a version that was already live, runs it again.
 */
export async function ensurePromoted(run: ModuleAt, p: ModuleProgress): Promise<void> {
  const version = p.candidate as string;
  const generation = await releaseStableVersion(run.target, run.module, version);
  if (generation === undefined) return;
  const dropped =
    p.stable && p.stable !== version
      ? `; what only version ${p.stable} served left the schema`
      : '';
  await recordProgress(
    run,
    p,
    'release-stable',
    `generation ${generation}: version ${version} alone serves ${run.module}${dropped}`,
  );
}
