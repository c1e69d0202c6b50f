import { Command } from 'commander';

interface DlqOptions {
  root: string;
  pipeline?: string;
  redrive?: boolean;
  reason?: string;
}

/**
 * `turnout dlq <module> [--redrive]`: an operator's view of a module's dead letters, and the
 * way back. Anyone who may read and move the module's queues (SQS permissions in AWS; the
 * owner of `.turnout/endpoints.json` locally) may run it; each redrive is recorded in the
 * deployments table with who, why and when (`redrive#<id>`, beside the manual rollbacks).
 */
export function dlqCommand(): Command {
  return new Command('dlq')
    .description(
      "List a module's dead letters (each queue's dead-letter queue) and, with --redrive, move them " +
        'back to their queue with SQS StartMessageMoveTask, following its progress. Recorded.',
    )
    .argument('<module>', 'the module whose queues to look at, e.g. ratings')
    .option('--redrive', 'move the dead letters back to the queue they came from')
    .option('--reason <text>', 'why, for the record')
    .option(
      '--pipeline <file>',
      'act on the first AWS target this pipeline file defines (default: the running `turnout dev`)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (module: string, options: DlqOptions) => {
      const { runDlq } = await import('./run-dlq.ts');
      await runDlq(module, options);
    });
}
