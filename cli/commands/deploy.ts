import { join } from 'node:path';
import { Command } from 'commander';
import type { TrafficWait } from '../../control-plane/deploy/bake.ts';
import { formatDuration } from '../../control-plane/deploy/duration.ts';
import type {
  DeploymentEvent,
  DeploymentRecord,
  ModuleProgress,
} from '../../control-plane/deploy/index.ts';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
// The naming file alone: the kit's index loads graphql-tools and zod.
import { functionName } from '../../modules/kit/resource-names.ts';
import { findModulesDirectory } from '../find-modules-directory.ts';
import { durationOption, parseCountOption } from '../parse-options.ts';
import { registerTypeScript } from '../register-typescript.ts';

interface DeployOptions {
  root: string;
  pipeline?: string;
  resume?: string;
  strategy?: string;
  finalBake: number;
  minRequests: number;
  poll: number;
  trafficWait: number;
  allowBreaking?: boolean;
  json?: boolean;
}

export function deployCommand(): Command {
  return new Command('deploy')
    .description(
      'Deploy modules: build, publish a version and its schema, smoke-check it, shift the `live` alias ' +
        'step by step while watching health, and roll back on a breach. Several modules go in waves by ' +
        'criticality tier, less critical first.',
    )
    .argument('[modules...]', 'the modules to deploy (folder names under modules/)')
    .option('--resume <id>', 'finish a deployment whose orchestrator stopped part way')
    .option(
      '--strategy <preset>',
      'one traffic strategy for all, e.g. Canary10Percent5Minutes, Linear20PercentEvery2Seconds, AllAtOnce',
    )
    .addOption(
      durationOption(
        '--final-bake <duration>',
        'how long all traffic on the new version bakes, e.g. 30s, 10m, 1h',
        '1m',
      ),
    )
    .option(
      '--min-requests <n>',
      'invokes a new version must serve in a step before promotion',
      parseCountOption,
      20,
    )
    .addOption(durationOption('--poll <duration>', 'how often health is read', '1s'))
    .addOption(
      durationOption(
        '--traffic-wait <duration>',
        'how long past the bake time to wait for enough traffic',
        '5m',
      ),
    )
    .option('--allow-breaking', 'accept schema changes that break clients')
    .option(
      '--pipeline <file>',
      'deploy to the AWS targets this pipeline file defines (default: the running `turnout dev`)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .option('--json', 'print the final deployment record as JSON')
    .action(async (modules: string[], options: DeployOptions) => {
      const record = await deploy(modules, options);
      if (options.json) console.log(JSON.stringify(record, null, 2));
      else
        console.log(
          `\nDeployment ${record.id}: ${record.state}${record.reason ? ` (${record.reason})` : ''}`,
        );
      if (record.state !== 'succeeded') process.exitCode = 1;
    });
}

async function deploy(modules: string[], options: DeployOptions): Promise<DeploymentRecord> {
  // Module manifests are TypeScript.
  await registerTypeScript();
  const { runRelease, resumeRelease } = await import('../../control-plane/deploy/index.ts');
  const { discoverModules, loadModule } = await import(
    '../../control-plane/module-catalog/index.ts'
  );
  const { openEnvironment } = await import('../open-environment.ts');
  if (!options.resume && modules.length === 0) {
    throw new Error(
      'Name the modules to deploy, e.g. `turnout deploy images ratings`, or resume one with --resume <id>.',
    );
  }
  const modulesDirectory = await findModulesDirectory(options.root);
  const found = options.resume
    ? await discoverModules(modulesDirectory)
    : await Promise.all(modules.map((name) => loadModule(modulesDirectory, name)));
  const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
  try {
    console.log(`Deploying to ${env.description}`);
    const release = {
      modules: found,
      targets: env.targets,
      store: env.store,
      buildDirectory: join(options.root, '.turnout', 'build'),
      strategy: options.strategy,
      finalBakeMs: options.finalBake,
      // Fewer completed invokes than this cannot be judged for latency either.
      thresholds: {
        minInvocations: options.minRequests,
        minLatencySamples: Math.min(20, options.minRequests),
      },
      timing: {
        pollMs: options.poll,
        maxTrafficWaitMs: options.trafficWait,
        onWaitingForTraffic: options.json ? undefined : printTrafficWait(found),
      },
      allowBreaking: options.allowBreaking,
      onEvent: options.json ? undefined : printEvent,
    };
    return options.resume
      ? await resumeRelease(options.resume, release)
      : await runRelease(release);
  } finally {
    env.close();
  }
}

/** One line per step or decision, as it happens: the deployment, live. */
function printEvent(event: Omit<DeploymentEvent, 'at'>, progress?: ModuleProgress): void {
  const time = clockTime();
  const where = `${event.module ?? ''}@${event.target ?? ''}`;
  const weight =
    progress?.weight === undefined
      ? ''
      : ` [${Math.round(progress.weight * 1000) / 10}% on v${progress.candidate}]`;
  const mark = event.kind === 'decision' ? '=>' : '  ';
  console.log(
    `${time} ${mark} ${where.padEnd(24)} ${event.name.padEnd(16)} ${event.detail}${weight}`,
  );
  if (event.figures) console.log(`${' '.repeat(16)}figures: ${JSON.stringify(event.figures)}`);
}

/**
 * While a bake waits for traffic, a line every few seconds with what it has, what it
 * needs and how long until it gives up: quiet traffic is not a hung deployment.
 */
function printTrafficWait(modules: readonly DiscoveredModule[]) {
  const moduleOf = new Map(modules.map((m) => [functionName(m.manifest.name), m.manifest.name]));
  return (wait: TrafficWait): void => {
    const where = `${moduleOf.get(wait.functionName) ?? wait.functionName}@${wait.target}`;
    // The completed count only when it says more than the invoke count does.
    const sameCounts =
      wait.completed === wait.invocations && wait.neededCompleted === wait.neededInvocations;
    const completed =
      wait.completed < wait.neededCompleted && !sameCounts
        ? `, ${wait.completed} of ${wait.neededCompleted} completed since the shift`
        : '';
    console.log(
      `${clockTime()}    ${where.padEnd(24)} ${'waiting'.padEnd(16)} for traffic on version ${wait.candidate}: ` +
        `${wait.invocations} of ${wait.neededInvocations} invokes in this step${completed} (${formatDuration(wait.leftMs)} left)`,
    );
  };
}

function clockTime(): string {
  return new Date().toISOString().slice(11, 23);
}
