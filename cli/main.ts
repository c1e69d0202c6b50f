import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { cellsCommand } from './commands/cells.ts';
import { consoleCommand } from './commands/console.ts';
import { deployCommand } from './commands/deploy.ts';
import { devCommand } from './commands/dev.ts';
import { dlqCommand } from './commands/dlq.ts';
import { envCommand } from './commands/env.ts';
import { failoverCommand } from './commands/failover.ts';
import { newCommand } from './commands/new.ts';
import { pipelineCommand } from './commands/pipeline.ts';
import { publishCommand } from './commands/publish.ts';
import { regionsCommand } from './commands/regions.ts';
import { rollbackCommand } from './commands/rollback.ts';
import { statusCommand } from './commands/status.ts';
import { tokenCommand } from './commands/token.ts';
import { reportError } from './report-error.ts';

/** Builds the `turnout` program; each subcommand lives in commands/. */
export function createProgram(): Command {
  const program = new Command('turnout')
    .description('A serverless gateway with independently deployed modules.')
    .version(packageVersion(), '-V, --version', 'print the version of turnout')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const command of [
    devCommand(),
    newCommand(),
    publishCommand(),
    deployCommand(),
    rollbackCommand(),
    statusCommand(),
    consoleCommand(),
    cellsCommand(),
    tokenCommand(),
    envCommand(),
    dlqCommand(),
    regionsCommand(),
    failoverCommand(),
    pipelineCommand(),
  ]) {
    // addCommand, unlike .command(), copies nothing: without this a subcommand's error
    // would neither point to --help nor come back through main's handling.
    program.addCommand(command.copyInheritedSettings(program));
  }
  return program;
}

/** The version package.json names, read when the command starts (the build keeps the path). */
function packageVersion(): string {
  const file = join(import.meta.dirname, '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    reportError(error);
    process.exitCode = 1;
  }
}
