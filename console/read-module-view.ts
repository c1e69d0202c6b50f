import { ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import type { BuildProvenance, DeploymentRecord } from '../contracts/deployment-record.ts';
import { readAliasTraffic } from '../control-plane/deploy/alias-traffic.ts';
import { readLatestGeneration } from '../control-plane/registry/read-latest-generation.ts';
import { readModuleRecord } from '../control-plane/registry/read-module-record.ts';
import { readVersionRecord } from '../control-plane/registry/read-version-record.ts';
import type { ConsoleEnvironment } from './console-environment.ts';
import { ConsoleNotFoundError } from './errors.ts';
import { type ExplainedDecision, explainDecision } from './explain-decision.ts';

export interface ModuleVersionView {
  version: string;
  /** What the Lambda version's description says (the build writes it). */
  description?: string;
  /** Lambda's SHA-256 of the deployment package, base64. */
  codeSha256?: string;
  publishedAt?: string;
  /** What it serves, from its registry version record. */
  sdl?: string;
  restPrefixes?: string[];
  /** The deployment that published it, when one did. */
  deployment?: {
    id: string;
    createdAt: string;
    startedBy?: string;
    state: string;
    /** What the build was made of (bundle SHA-256, dependencies, commit). */
    provenance?: BuildProvenance;
  };
}

/**
 * A module as its page shows it: owner and tier, its live alias, every published
 * version with what it serves and where it came from, its smoke checks, and its recent
 * decisions and manual rollbacks.
 */
export async function readModuleView(env: ConsoleEnvironment, module: string) {
  const record = await readModuleRecord(env.clients.documents, env.registryTable, module);
  if (!record)
    throw new ConsoleNotFoundError(
      `There is no module "${module}" in the registry: the fleet lists them.`,
    );
  // A cellular module has no function of its own: each cell has one, on the cells page.
  const cellMap = (await readLatestGeneration(env.clients.documents, env.registryTable))?.cells?.[
    module
  ];
  if (cellMap)
    return {
      module,
      owner: record.owner,
      tier: record.tier,
      cells: cellMap.cells.map((c) => c.name),
      smokeChecks: record.manifest.smokeChecks ?? [],
    };
  const [listed, traffic, deployments, rollbacks] = await Promise.all([
    env.clients.lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: record.functionName }),
    ),
    readAliasTraffic(env.clients.lambda, {
      functionName: record.functionName,
      alias: record.alias,
    }),
    env.store.list(),
    env.store.listManualRollbacks(),
  ]);
  const ours = deployments.filter((d) => d.plan.waves.flat().includes(module));
  const published = (listed.Versions ?? []).filter((v) => v.Version && v.Version !== '$LATEST');
  const versions: ModuleVersionView[] = await Promise.all(
    published.map(async (v) => {
      const version = v.Version as string;
      const served = await readVersionRecord(
        env.clients.documents,
        env.registryTable,
        module,
        version,
      );
      const by = publishedBy(ours, module, version);
      return {
        version,
        ...(v.Description ? { description: v.Description } : {}),
        ...(v.CodeSha256 ? { codeSha256: v.CodeSha256 } : {}),
        ...(v.LastModified ? { publishedAt: v.LastModified } : {}),
        ...(served?.sdl ? { sdl: served.sdl } : {}),
        ...(served ? { restPrefixes: served.restPrefixes } : {}),
        ...(by ? { deployment: by } : {}),
      };
    }),
  );
  const decisions: (ExplainedDecision & { deploymentId: string })[] = ours
    .flatMap((d) =>
      d.events
        .filter((e) => e.kind === 'decision' && (e.module === module || e.module === undefined))
        .map((e) => ({ deploymentId: d.id, ...explainDecision(e, d.plan.thresholds) })),
    )
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, 30);
  return {
    module,
    owner: record.owner,
    tier: record.tier,
    functionName: record.functionName,
    alias: record.alias,
    live: traffic,
    versions: versions.sort((a, b) => Number(b.version) - Number(a.version)),
    smokeChecks: record.manifest.smokeChecks ?? [],
    decisions,
    manualRollbacks: rollbacks.filter((r) => r.module === module).slice(0, 20),
  };
}

function publishedBy(deployments: DeploymentRecord[], module: string, version: string) {
  const d = deployments.find((r) =>
    Object.entries(r.progress).some(
      ([key, p]) => key.startsWith(`${module}@`) && p.candidate === version,
    ),
  );
  if (!d) return undefined;
  return {
    id: d.id,
    createdAt: d.createdAt,
    state: d.state,
    ...(d.plan.startedBy ? { startedBy: d.plan.startedBy } : {}),
    ...(d.plan.provenance?.[module] ? { provenance: d.plan.provenance[module] } : {}),
  };
}
