import { Command, CommanderError } from 'commander';
// Bundled into the built CLI: one version, the one this checkout's package.json names.
import packageJson from '../package.json' with { type: 'json' };
import { deployCommand } from './commands/deploy.ts';
import { devCommand } from './commands/dev.ts';
import { publishCommand } from './commands/publish.ts';
import { rollbackCommand } from './commands/rollback.ts';
import { statusCommand } from './commands/status.ts';
import { reportError } from './report-error.ts';

/** Builds the `turnout` program; each subcommand lives in commands/. */
export function createProgram(): Command {
  const program = new Command('turnout')
    .description('A serverless gateway with independently deployed modules.')
    .version(packageJson.version, '-V, --version', 'print the version of turnout')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  for (const command of [
    devCommand(),
    publishCommand(),
    deployCommand(),
    rollbackCommand(),
    statusCommand(),
  ]) {
    program.addCommand(command);
  }
  return program;
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
