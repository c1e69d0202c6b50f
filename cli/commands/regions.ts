import { Command } from 'commander';

/** `turnout regions`: for operators, every Region's standing. */
export function regionsCommand(): Command {
  return new Command('regions')
    .description(
      "Every Region: its routing control (On/Off), its gateway's health, recent error rate and latency, each module's live version and the replication lag of the global tables.",
    )
    .option('--json', 'print the report as JSON')
    .option(
      '--pipeline <file>',
      "AWS: the pipeline definition naming the stage's Regions, routing controls and ARC cluster endpoints",
    )
    .option(
      '--stage <name>',
      'with --pipeline, the stage whose Regions to act on (needed when several name routing controls)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(
      async (options: { root: string; pipeline?: string; stage?: string; json?: boolean }) => {
        const { openRegions } = await import('../regions/open-regions.ts');
        const { buildRegionsReport, formatRegionsReport } = await import(
          '../regions/build-regions-report.ts'
        );
        const open = await openRegions(options.root, {
          pipelineFile: options.pipeline,
          stage: options.stage,
        });
        try {
          const report = await buildRegionsReport(open);
          console.log(options.json ? JSON.stringify(report, null, 2) : formatRegionsReport(report));
        } finally {
          open.close();
        }
      },
    );
}
