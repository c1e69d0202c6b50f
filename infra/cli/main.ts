import { Command, CommanderError } from 'commander';
import { devCommand } from './commands/dev.ts';
import { reportError } from './report-error.ts';

/** Builds the `turnout` program; each subcommand lives in commands/. */
export function createProgram(): Command {
  const program = new Command('turnout')
    .description('A serverless gateway with independently deployed modules.')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  program.addCommand(devCommand());
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
