import { Command } from 'commander';
import type { BuildProvenance, DeploymentRecord } from '../../contracts/deployment-record.ts';
import { statusUnitsOf } from '../../control-plane/registry/status-units.ts';
import type { Environment } from '../open-environment.ts';
import { parseCountOption } from '../parse-options.ts';

/** What `turnout status --json` prints. */
export interface StatusReport {
  environment: string;
  modules: {
    module: string;
    /** For a cellular module, one row per cell. */
    cell?: string;
    tier: string;
    owner: string;
    target: string;
    liveVersion: string;
    canary?: { version: string; weight: number };
    /** Which versions the registry says serve the module, when it names any. */
    registry?: { stable: string; candidate?: { version: string; weight: number } };
    /** Set when the alias routes otherwise than the registry says: changed outside Turnout. */
    disagreement?: string;
    /** What the live version was built from, by the deployment that published it. */
    provenance?: BuildProvenance & { deploymentId: string; startedBy?: string };
  }[];
  manualRollbacks: {
    at: string;
    module: string;
    target: string;
    from: string;
    to: string;
    by: string;
    reason?: string;
    interrupted: string[];
  }[];
  deployments: {
    id: string;
    state: string;
    createdAt: string;
    modules: string[];
    /** While it waits for a Region failed away from: which module and target, since when, why. */
    paused?: string[];
    lastDecisions: { at: string; module?: string; name: string; detail: string }[];
  }[];
}

export function statusCommand(): Command {
  return new Command('status')
    .description(
      "Every module's live version and weights, and the recent deployments with their last decisions.",
    )
    .argument('[module]', 'one module only, with what its live version was built from')
    .option('--json', 'print the report as JSON')
    .option('--limit <n>', 'how many recent deployments to show', parseCountOption, 5)
    .option(
      '--pipeline <file>',
      'report on the AWS targets this pipeline file defines (default: the running `turnout dev`)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(
      async (
        module: string | undefined,
        options: { root: string; pipeline?: string; json?: boolean; limit: number },
      ) => {
        const { openEnvironment } = await import('../open-environment.ts');
        const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
        try {
          const report = onlyModule(await buildStatus(env, options.limit), module);
          console.log(options.json ? JSON.stringify(report, null, 2) : formatStatus(report));
        } finally {
          env.close();
        }
      },
    );
}

/** The report about one module, or all of them. */
function onlyModule(report: StatusReport, module: string | undefined): StatusReport {
  if (!module) return report;
  const modules = report.modules.filter((m) => m.module === module);
  if (!modules.length)
    throw new Error(
      `There is no module "${module}" in the registry of ${report.environment}: \`turnout status\` lists them.`,
    );
  return {
    ...report,
    modules,
    deployments: report.deployments.filter((d) => d.modules.includes(module)),
    manualRollbacks: report.manualRollbacks.filter((r) => r.module === module),
  };
}

/** The build of a module's version, from the newest deployment that published it. */
function provenanceOf(
  deployments: readonly DeploymentRecord[],
  module: string,
  version: string,
): (BuildProvenance & { deploymentId: string; startedBy?: string }) | undefined {
  for (const d of deployments) {
    const built = d.plan.provenance?.[module];
    const published = Object.entries(d.progress).some(
      ([key, p]) => key.startsWith(`${module}@`) && p.candidate === version,
    );
    if (built && published)
      return {
        deploymentId: d.id,
        ...(d.plan.startedBy ? { startedBy: d.plan.startedBy } : {}),
        ...built,
      };
  }
  return undefined;
}

export async function buildStatus(env: Environment, limit: number): Promise<StatusReport> {
  // The files alone: the folders' indexes load the whole pipeline and registry writer.
  const { readAliasTraffic } = await import('../../control-plane/deploy/alias-traffic.ts');
  const { findPauses } = await import('../../control-plane/deploy/find-pauses.ts');
  const { listModuleRecords } = await import('../../control-plane/registry/list-module-records.ts');
  const { readLatestGeneration } = await import(
    '../../control-plane/registry/read-latest-generation.ts'
  );
  const records = await listModuleRecords(env.clients.documents, env.registryTable);
  const allDeployments = await env.store.list();
  const modules = (
    await Promise.all(
      env.targets.map(async (target) => {
        const latest = await readLatestGeneration(target.documents, target.registryTable);
        return Promise.all(
          records
            .flatMap((record) => statusUnitsOf(record, latest))
            .map(async (u) => {
              const r = u.record;
              const traffic = await readAliasTraffic(target.lambda, u);
              const release = latest?.releases?.[u.unit];
              const registry = release && { stable: release.stable, candidate: release.candidate };
              const disagreement = registry && disagreementOf(traffic, registry);
              const provenance = provenanceOf(allDeployments, u.unit, traffic.version);
              return {
                module: r.name,
                ...(u.cell ? { cell: u.cell } : {}),
                tier: r.tier,
                owner: r.owner,
                target: target.name,
                liveVersion: traffic.version,
                canary: traffic.canary,
                ...(registry ? { registry } : {}),
                ...(disagreement ? { disagreement } : {}),
                ...(provenance ? { provenance } : {}),
              };
            }),
        );
      }),
    )
  ).flat();
  const deployments = allDeployments.slice(0, limit).map((d) => ({
    id: d.id,
    state: d.state,
    createdAt: d.createdAt,
    modules: d.plan.waves.flat(),
    ...(findPauses(d).length ? { paused: findPauses(d) } : {}),
    lastDecisions: d.events
      .filter((e) => e.kind === 'decision')
      .slice(-3)
      .map(({ at, module, name, detail }) => ({ at, module, name, detail })),
  }));
  const manualRollbacks = (await env.store.listManualRollbacks())
    .slice(0, limit)
    .map(({ at, module, target, from, to, by, reason, interrupted }) => ({
      at,
      module,
      target,
      from,
      to,
      by,
      ...(reason ? { reason } : {}),
      interrupted,
    }));
  return { environment: env.description, modules, deployments, manualRollbacks };
}

/** The alias and the registry name the same versions, or what differs. */
function disagreementOf(
  traffic: { version: string; canary?: { version: string; weight: number } },
  registry: { stable: string; candidate?: { version: string } },
): string | undefined {
  const alias = [traffic.version, traffic.canary?.version].filter(Boolean).join('+');
  const named = [registry.stable, registry.candidate?.version].filter(Boolean).join('+');
  if (alias === named) return undefined;
  return `the alias routes to v${alias.replace('+', ' and v')} but the registry says v${named.replace('+', ' and v')} serve it: changed outside Turnout?`;
}

function formatProvenance(p: NonNullable<StatusReport['modules'][number]['provenance']>): string[] {
  return [
    `  built: bundle sha256 ${p.bundleSha256}, commit ${p.commit ?? '(not in git)'}, deployed by ${p.startedBy ?? '?'} in ${p.deploymentId}`,
    `  dependencies: ${p.dependencies.join(', ') || '(none bundled)'}`,
  ];
}

function formatStatus(report: StatusReport): string {
  const lines = [
    `Status of ${report.environment}`,
    '',
    'MODULE          TIER      TARGET     LIVE   CANARY',
  ];
  for (const m of report.modules) {
    const canary = m.canary
      ? `v${m.canary.version} at ${Math.round(m.canary.weight * 1000) / 10}%`
      : '-';
    lines.push(
      `${(m.cell ? `${m.module}/${m.cell}` : m.module).padEnd(15)} ${m.tier.padEnd(9)} ${m.target.padEnd(10)} v${m.liveVersion.padEnd(5)} ${canary}`,
    );
    if (m.disagreement) lines.push(`  ! ${m.disagreement}`);
    if (report.modules.length === 1 && m.provenance) lines.push(...formatProvenance(m.provenance));
  }
  lines.push('', 'DEPLOYMENTS');
  if (report.deployments.length === 0) lines.push('  (none yet)');
  for (const d of report.deployments) {
    lines.push(`  ${d.id}  ${d.state.padEnd(11)} ${d.modules.join(', ')}`);
    for (const why of d.paused ?? []) lines.push(`      PAUSED ${why}`);
    for (const e of d.lastDecisions)
      lines.push(`      ${e.at.slice(11, 19)} ${e.module ?? ''} ${e.name}: ${e.detail}`);
  }
  if (report.manualRollbacks.length) lines.push('', 'MANUAL ROLLBACKS');
  for (const r of report.manualRollbacks) {
    const why = r.reason ? ` (${r.reason})` : '';
    const stopped = r.interrupted.length ? `; interrupted ${r.interrupted.join(', ')}` : '';
    lines.push(
      `  ${r.at.slice(0, 19)}  ${r.module}@${r.target}  v${r.from} -> v${r.to}  by ${r.by}${why}${stopped}`,
    );
  }
  return lines.join('\n');
}
