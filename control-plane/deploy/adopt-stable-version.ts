import { LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import {
  readLatestGeneration,
  readModuleRecord,
  readVersionRecord,
  type VersionRecord,
  versionRecordKey,
  writePublication,
} from '../registry/index.ts';
import type { ModuleRun } from './module-run.ts';

/**
 * Makes sure the version the alias serves has a version record before a deployment
 * leaves it: the union served during the split, and every way back (a breach, an
 * abort, `turnout rollback`) name it. A version live since before release units (as
 * `turnout dev` publishes) is recorded as serving what the registry serves now: what
 * clients already have needs no check.
 *
 * @returns why the deployment cannot go on, or undefined
 */
export async function adoptStableVersion(
  run: ModuleRun,
  stable: string,
): Promise<string | undefined> {
  const { documents, registryTable } = run.target;
  if (await readVersionRecord(documents, registryTable, run.module, stable)) return undefined;
  const [latest, moduleRecord] = await Promise.all([
    readLatestGeneration(documents, registryTable),
    readModuleRecord(documents, registryTable, run.module),
  ]);
  const release = latest?.releases?.[run.module];
  if (release) {
    const named = release.candidate
      ? `versions ${release.stable} and ${release.candidate.version}`
      : `version ${release.stable}`;
    return (
      `the alias serves version ${stable}, which has no recorded schema, but the registry says ${named} serve ${run.module}: ` +
      `the alias was changed outside Turnout. Point it back at version ${release.stable}, then deploy again`
    );
  }
  const sdl = latest?.subgraphs.find((s) => s.module === run.module)?.sdl;
  const routes = (latest?.routes ?? []).filter(
    (r) => r.module === run.module && r.alias === LIVE_ALIAS,
  );
  const restPrefixes = routes.map((r) => r.prefix);
  // What the gateways enforce now is what this version was served with.
  const access = [
    ...new Map(routes.flatMap((r) => r.access ?? []).map((a) => [JSON.stringify(a), a])).values(),
  ];
  const manifest = moduleRecord?.manifest ?? run.release.manifest;
  const versionRecord: VersionRecord = {
    ...versionRecordKey(run.module, stable),
    module: run.module,
    version: stable,
    ...(sdl ? { sdl } : {}),
    restPrefixes,
    manifest: {
      ...manifest,
      graphql: sdl ? { sdl } : undefined,
      rest: restPrefixes.length ? { prefixes: restPrefixes, access } : undefined,
    },
    recordedAt: new Date(run.ctx.timing.clock.now()).toISOString(),
  };
  await writePublication(documents, registryTable, { versionRecord });
  return undefined;
}
