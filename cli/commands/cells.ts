import { Command } from 'commander';
import type { CellReport } from '../../control-plane/cells/index.ts';

interface CellsOptions {
  root: string;
  pipeline?: string;
  json?: boolean;
  pin?: string;
  unpin?: string;
  to?: string;
  reason?: string;
}

export function cellsCommand(): Command {
  return new Command('cells')
    .description(
      "A cellular module's cell map: each cell's buckets, pinned keys, versions and load (the gateways' " +
        'requests over the last minute). With --pin, pin a key to a cell (recorded: who, why, from, to). ' +
        'Operators only: it needs write access to the registry (in AWS, its IAM policy).',
    )
    .argument('<module>', 'the cellular module')
    .option('--json', 'print the map as JSON')
    .option('--pin <key>', 'pin this partition key to a cell (with --to)')
    .option('--to <cell>', 'the cell --pin sends the key to')
    .option('--unpin <key>', "remove a key's pin: it goes back to its bucket's cell")
    .option('--reason <text>', 'why, for the record')
    .option(
      '--pipeline <file>',
      "the first AWS target's registry (default: the running `turnout dev`)",
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (module: string, options: CellsOptions) => {
      const cells = await import('../../control-plane/cells/index.ts');
      if (options.pin !== undefined && options.to === undefined)
        throw new cells.CellMapError('NO_SUCH_CELL', 'Say which cell with --to <cell>.');
      const { currentUser } = await import('../../control-plane/deploy/current-user.ts');
      const { openEnvironment } = await import('../open-environment.ts');
      const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
      try {
        const { documents } = env.clients;
        const key = options.pin ?? options.unpin;
        if (key !== undefined) {
          const pin = await cells.pinCellKey({
            documents,
            registryTable: env.registryTable,
            module,
            key,
            cell: options.pin !== undefined ? options.to : undefined,
            by: currentUser(),
            reason: options.reason,
          });
          console.log(
            `${module}: key "${pin.key}" now goes to ${pin.to} (was ${pin.from}); generation ${pin.generation}. ` +
              'Data it wrote in its old cell stays there.',
          );
          return;
        }
        const target = env.targets[0];
        const report = await cells.readCellReport({
          documents,
          registryTable: env.registryTable,
          module,
          gatewayUrls: target?.gatewayUrls ?? [],
          gatewayHealthToken: target?.gatewayHealthToken,
        });
        console.log(options.json ? JSON.stringify(report, null, 2) : formatCellReport(report));
      } finally {
        env.close();
      }
    });
}

export function formatCellReport(report: CellReport): string {
  const lines = [
    `${report.module}: ${report.cells.length} cells, ${report.buckets} buckets (generation ${report.generation})` +
      (report.defaultCell ? `; requests without a key go to ${report.defaultCell}` : ''),
    '',
    `CELL        BUCKETS  PINNED  VERSION       REQUESTS/${report.windowSeconds}s  ERRORS  FUNCTION`,
  ];
  for (const cell of report.cells) {
    const version = cell.candidate
      ? `v${cell.stable}+v${cell.candidate.version}@${Math.round(cell.candidate.weight * 100)}%`
      : cell.stable
        ? `v${cell.stable}`
        : '-';
    lines.push(
      `${cell.name.padEnd(11)} ${String(cell.buckets).padStart(7)}  ${String(cell.pinnedKeys.length).padStart(6)}  ${version.padEnd(13)} ${String(cell.load?.invokes ?? '?').padStart(12)}  ${String(cell.load?.errors ?? '?').padStart(6)}  ${cell.functionName}`,
    );
  }
  if (report.pins.length) lines.push('', 'PINS (newest first)');
  for (const pin of report.pins) {
    const why = pin.reason ? ` (${pin.reason})` : '';
    lines.push(
      `  ${pin.at.slice(0, 19)}  "${pin.key}" ${pin.from ?? '-'} -> ${pin.to ?? '-'}  by ${pin.by}${why}`,
    );
  }
  return lines.join('\n');
}
