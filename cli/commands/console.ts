import { Command } from 'commander';
import { parsePortOption } from '../parse-options.ts';
import { waitForStopSignal } from '../wait-for-stop-signal.ts';

export function consoleCommand(): Command {
  return new Command('console')
    .description(
      'Serve the operator console on 127.0.0.1: every module with its live version, weights and health, ' +
        'each deployment live with its charts and decisions, and promote, abort, retry and rollback ' +
        '(each with a reason, recorded). Open the printed URL: it carries the token the console requires.',
    )
    .option('-p, --port <port>', 'the port (default: a free one)', parsePortOption, 0)
    .option('--read-only', 'show everything, act on nothing: no buttons, every action refused')
    .option(
      '--pipeline <file>',
      'watch the AWS targets this pipeline file defines (default: the running `turnout dev`)',
    )
    .option(
      '--stage <name>',
      'with --pipeline, the stage whose Regions the Regions page shows and fails over (needed when several name routing controls)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (options: ConsoleCommandOptions) => {
      const { openEnvironment } = await import('../open-environment.ts');
      const { startConsole } = await import('../../console/index.ts');
      const { createDeployLauncher } = await import('../launch-deploy.ts');
      const { openConsoleRegions } = await import('../regions/open-console-regions.ts');
      const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
      // The Regions `turnout regions` would show, with the same --pipeline and --stage.
      const regions = await openConsoleRegions(options.root, {
        ...(options.pipeline ? { pipelineFile: options.pipeline } : {}),
        ...(options.stage ? { stage: options.stage } : {}),
      }).catch((error: unknown) => {
        env.close();
        throw error;
      });
      try {
        const server = await startConsole({
          env,
          port: options.port,
          readOnly: options.readOnly ?? false,
          ...(regions ? { regions } : {}),
          launchers: {
            startDeploy: createDeployLauncher({
              root: options.root,
              ...(options.pipeline ? { pipelineFile: options.pipeline } : {}),
            }),
          },
        });
        console.log(
          `Turnout console for ${env.description}${options.readOnly ? ' (read-only)' : ''}:`,
        );
        console.log(`  ${server.openUrl}`);
        console.log('Press Ctrl-C to stop.');
        await waitForStopSignal();
        await server.stop();
      } finally {
        env.close();
        regions?.close();
      }
    });
}

interface ConsoleCommandOptions {
  port: number;
  readOnly?: boolean;
  pipeline?: string;
  stage?: string;
  root: string;
}
