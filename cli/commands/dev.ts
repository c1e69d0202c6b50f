import { join } from 'node:path';
import { Command } from 'commander';
import {
  durationOption,
  parseCountOption,
  parsePortOption as parsePort,
} from '../parse-options.ts';
import { registerTypeScript } from '../register-typescript.ts';
import { listenForStopSignal } from '../wait-for-stop-signal.ts';

export function devCommand(): Command {
  return new Command('dev')
    .description(
      'Run the whole system on this machine: the local cloud, every module as version 1 ' +
        'behind its `live` alias, and the gateway. A save in modules/<name>/ serves that ' +
        'module again, or brings it up if it is new (local only). Ctrl-C stops everything.',
    )
    .option(
      '-p, --port <port>',
      'the gateway port (env PORT)',
      parsePort,
      parsePort(process.env.PORT ?? '4000'),
    )
    .option('--root <dir>', 'the project root, holding modules/', process.cwd())
    .option('--region <region>', 'the Region name the local cloud reports', 'us-east-1')
    .option('--no-watch', 'do not serve edits of modules/<name>/ as they are saved')
    .option(
      '--no-prebundle',
      'live edits load their packages from node_modules, not pre-bundled in .turnout/build-cache/vendor-<hash>/',
    )
    .option(
      '--regions <list>',
      'run a local cloud per Region (e.g. us-east-1,us-west-2), joined by local global tables, ' +
        'routing controls and a front door on --port (a stand-in for Route 53)',
      parseRegionList,
    )
    .addOption(
      durationOption(
        '--health-interval <duration>',
        "with --regions: how often the front door checks each Region's gateway (Route 53: 10s or 30s)",
        '1s',
      ),
    )
    .option(
      '--failure-threshold <n>',
      'with --regions: failed checks in a row that take a Region out (Route 53: 1 to 10)',
      parseCountOption,
      2,
    )
    .action(async (options: DevCommandOptions) => {
      const started = Date.now();
      const stop = listenForStopSignal(
        '\nStopping once the start is done, so that nothing is left running...',
      );
      console.log('Starting the local cloud and deploying the modules...');
      if (options.regions) {
        const { runRegionsDev } = await import('../dev/run-regions-dev.ts');
        const healthCheck = {
          intervalMs: options.healthInterval,
          failureThreshold: Math.max(1, options.failureThreshold),
        };
        await runRegionsDev({ ...options, regions: options.regions, healthCheck }, stop);
        return;
      }
      // Loaded here, not at the top: `turnout --help` should not pay for the AWS SDK.
      const { startDev, watchDevModules } = await import('../dev/index.ts');
      await registerTypeScript(); // each module's manifest and seed are TypeScript
      const dev = await startDev({ ...options, log: (line) => console.log(line) });
      if (stop.asked) return dev.stop();
      const { startDevConsole } = await import('../dev/start-dev-console.ts');
      const devConsole = await startDevConsole(options.root).catch(async (error: unknown) => {
        await dev.stop(); // nothing left running behind a failed start
        throw error;
      });
      stop.started();
      console.log(`\nTurnout is running (${Date.now() - started} ms):`);
      console.log(`  the start: ${dev.timings.summary()}`);
      for (const [name, url] of Object.entries(dev.endpoints)) {
        if (typeof url === 'string' && url.startsWith('http'))
          console.log(`  ${name.padEnd(9)} ${url}`);
      }
      console.log(`  console   ${devConsole.openUrl}`);
      console.log(`  endpoints written to ${dev.endpointsFile}`);
      const watcher = options.watch
        ? watchDevModules(dev, {
            root: options.root,
            log: (line) => console.log(line),
            prebundle: options.prebundle,
          })
        : undefined;
      if (watcher)
        console.log(
          `  watching ${join(options.root, 'modules')}: a save there, or of shared code a module's bundle carries (modules/kit, contracts, lib), serves that module again; a new folder with a module.ts brings that module up, and a module.ts removed takes its module down (local only)`,
        );
      console.log('Press Ctrl-C to stop.');
      await stop.signal;
      console.log('\nStopping...');
      await watcher?.close();
      await devConsole.stop();
      await dev.stop();
    });
}

interface DevCommandOptions {
  port: number;
  root: string;
  region: string;
  regions?: string[];
  healthInterval: number;
  failureThreshold: number;
  watch: boolean;
  prebundle: boolean;
}

function parseRegionList(value: string): string[] {
  return value
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
}
