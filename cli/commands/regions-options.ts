import type { Command } from 'commander';

/** What `turnout regions` and `turnout failover` both take to find their Regions. */
export interface RegionsOptions {
  root: string;
  pipeline?: string;
  stage?: string;
}

/**
 * Adds the options that say where the Regions are: the running `turnout dev --regions`
 * (none given), or one stage of a pipeline definition in AWS (`--pipeline`, `--stage`).
 */
export function withRegionsOptions(command: Command): Command {
  return command
    .option(
      '--pipeline <file>',
      "AWS: the pipeline definition naming the stage's Regions, routing controls and ARC cluster endpoints",
    )
    .option(
      '--stage <name>',
      'with --pipeline, the stage whose Regions to act on (needed when several name routing controls)',
    )
    .option('--root <dir>', 'the project root', process.cwd());
}
