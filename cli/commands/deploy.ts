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
  abort?: string;
  lease: number;
  gatewayWait: number;
  strategy?: string;
  finalBake: number;
  minRequests: number;
  latencySlack: number;
  poll: number;
  trafficWait: number;
  allowBreaking?: boolean;
  json?: boolean;
}

export function deployCommand(): Command {
  return new Command('deploy')
    .description(
      'Deploy modules: build, publish a version, record what it serves, smoke-check it, shift the `live` ' +
        'alias and the schema the gateways serve step by step while watching health, and roll back both on ' +
        'a breach or Ctrl-C. Several modules go in waves by criticality tier, less critical first.',
    )
    .argument('[modules...]', 'the modules to deploy (folder names under modules/)')
    .option('--resume <id>', 'finish a deployment whose orchestrator stopped part way')
    .option(
      '--abort <id>',
      'roll back and end a deployment whose orchestrator is gone (once its lease has lapsed)',
    )
    .addOption(
      durationOption(
        '--lease <duration>',
        'how long the module locks outlive a silent orchestrator (it renews them while it runs)',
        '30s',
      ),
    )
    .addOption(
      durationOption(
        '--gateway-wait <duration>',
        'how long the gateways may take to serve a new version before its traffic moves',
        '30s',
      ),
    )
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
    .addOption(
      durationOption(
        '--latency-slack <duration>',
        "how far above the old version's tail latency the new one's may go before it rolls back (and at least 1.5 times it)",
        '250ms',
      ),
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
      // An abort succeeds when the deployment ended, rolled back; a deployment when it promoted.
      const done = options.abort ? record.state !== 'running' : record.state === 'succeeded';
      if (!done) process.exitCode = 1;
    });
}

async function deploy(modules: string[], options: DeployOptions): Promise<DeploymentRecord> {
  if (options.abort) return abort(options.abort, options);
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
  const stopping = await stopSafelyOnSignals();
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
        latencySlackMs: options.latencySlack,
      },
      timing: {
        pollMs: options.poll,
        maxTrafficWaitMs: options.trafficWait,
        onWaitingForTraffic: options.json ? undefined : printTrafficWait(found, env.resourcePrefix),
      },
      allowBreaking: options.allowBreaking,
      onEvent: options.json ? undefined : printEvent,
      signal: stopping.signal,
      leaseMs: options.lease,
      gatewayWaitMs: options.gatewayWait,
    };
    return options.resume
      ? await resumeRelease(options.resume, release)
      : await runRelease(release);
  } finally {
    stopping.dispose();
    env.close();
  }
}

async function abort(id: string, options: DeployOptions): Promise<DeploymentRecord> {
  const { abortRelease } = await import('../../control-plane/deploy/index.ts');
  const { openEnvironment } = await import('../open-environment.ts');
  const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
  try {
    console.log(`Aborting ${id} in ${env.description}`);
    return await abortRelease(id, {
      targets: env.targets,
      store: env.store,
      leaseMs: options.lease,
      onEvent: options.json ? undefined : printEvent,
    });
  } finally {
    env.close();
  }
}

/**
 * Ctrl-C (SIGINT) or SIGTERM stops the deployment at its next safe point: every module
 * in flight back on its stable version, alias and registry, the record saying aborted,
 * the locks released. A second Ctrl-C is ignored on purpose: exiting half-way through
 * that rollback is the one thing that would leave a module split with nobody driving it.
 * (SIGKILL still works; then the lease lapses and `--abort` finishes the job.)
 */
async function stopSafelyOnSignals(): Promise<{ signal: AbortSignal; dispose(): void }> {
  const { DeploymentInterruptedError } = await import('../../control-plane/deploy/index.ts');
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      console.error(
        `\n${name} ignored: rolling back to the stable version; wait for it (it takes a few seconds).`,
      );
      return;
    }
    console.error(
      `\n${name}: stopping at a safe point; every module in flight goes back to its stable version. Press Ctrl-C again and it is ignored.`,
    );
    controller.abort(new DeploymentInterruptedError(`interrupted by ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
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
function printTrafficWait(modules: readonly DiscoveredModule[], resourcePrefix: string) {
  const moduleOf = new Map(
    modules.map((m) => [functionName(m.manifest.name, resourcePrefix), m.manifest.name]),
  );
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
