import { Command } from 'commander';
import { type RegionsOptions, withRegionsOptions } from './regions-options.ts';

/** `turnout regions`: for operators, every Region's standing. */
export function regionsCommand(): Command {
  return withRegionsOptions(
    new Command('regions')
      .description(
        "Every Region: its routing control (On/Off), its gateway's health, recent error rate and latency, each module's live version and the replication lag of the global tables.",
      )
      .option('--json', 'print the report as JSON'),
  ).action(async (options: RegionsOptions & { json?: boolean }) => {
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
  });
}
