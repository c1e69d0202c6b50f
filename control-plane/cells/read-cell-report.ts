import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { cellUnitName } from '../../contracts/cell-map.ts';
import { readGatewaySamples } from '../deploy/gateway-health-source.ts';
import { readLatestGeneration } from '../registry/read-latest-generation.ts';
import type { CellPin } from './pin-cell-key.ts';
import { cellMapOf } from './pin-cell-key.ts';

/** What `turnout cells <module> --json` prints. */
export interface CellReport {
  module: string;
  generation: number;
  buckets: number;
  defaultCell?: string;
  cells: {
    name: string;
    functionName: string;
    /** How many of the buckets map to it. */
    buckets: number;
    /** The keys pinned to it. */
    pinnedKeys: string[];
    /** The versions the registry says serve it. */
    stable?: string;
    candidate?: { version: string; weight: number };
    /** Its invokes and errors over the window, from the gateways' health samples. */
    load: { invokes: number; errors: number } | undefined;
  }[];
  /** The load window, in seconds. */
  windowSeconds: number;
  /** The latest pins, newest first. */
  pins: CellPin[];
}

export interface ReadCellReportOptions {
  documents: DynamoDBDocumentClient;
  registryTable: string;
  module: string;
  /** Where the load comes from: the target's gateways. */
  gatewayUrls: readonly string[];
  gatewayHealthToken: string | undefined;
  /** @default 60 */
  windowSeconds?: number;
  now?: number;
}

/**
 * A cellular module's map as the registry holds it, with each cell's versions and the
 * load the gateways sent it (their health samples carry each cell's function).
 *
 * @throws CellMapError when the module has no cells
 */
export async function readCellReport(options: ReadCellReportOptions): Promise<CellReport> {
  const latest = await readLatestGeneration(options.documents, options.registryTable);
  const map = cellMapOf(latest, options.module);
  const windowSeconds = options.windowSeconds ?? 60;
  const sinceMs = (options.now ?? Date.now()) - windowSeconds * 1000;
  const [pins, ...loads] = await Promise.all([
    readPins(options),
    ...map.cells.map((cell) => readLoad(options, cell.functionName, sinceMs)),
  ]);
  return {
    module: options.module,
    generation: latest?.generation ?? 0,
    buckets: map.buckets,
    ...(map.defaultCell ? { defaultCell: map.defaultCell } : {}),
    windowSeconds,
    pins: pins as CellPin[],
    cells: map.cells.map((cell, index) => {
      const release = latest?.releases?.[cellUnitName(options.module, cell.name)];
      return {
        name: cell.name,
        functionName: cell.functionName,
        buckets: map.ranges
          .filter((r) => r.cell === cell.name)
          .reduce((sum, r) => sum + r.to - r.from, 0),
        pinnedKeys: Object.keys(map.overrides).filter((key) => map.overrides[key] === cell.name),
        ...(release ? { stable: release.stable } : {}),
        ...(release?.candidate ? { candidate: release.candidate } : {}),
        load: loads[index] as CellReport['cells'][number]['load'],
      };
    }),
  };
}

async function readLoad(
  options: ReadCellReportOptions,
  functionName: string,
  sinceMs: number,
): Promise<{ invokes: number; errors: number } | undefined> {
  if (options.gatewayUrls.length === 0) return undefined;
  try {
    const answers = await Promise.all(
      options.gatewayUrls.map((url) =>
        readGatewaySamples(fetch, url, options.gatewayHealthToken, functionName, sinceMs),
      ),
    );
    const samples = answers.flatMap((a) => a.samples);
    return {
      invokes: samples.reduce((sum, s) => sum + s.invokes, 0),
      errors: samples.reduce((sum, s) => sum + s.errors, 0),
    };
  } catch {
    // A gateway that does not answer leaves the load unknown; the map is still shown.
    return undefined;
  }
}

async function readPins(options: ReadCellReportOptions): Promise<CellPin[]> {
  const output = await options.documents.send(
    new QueryCommand({
      TableName: options.registryTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :pin)',
      ExpressionAttributeValues: { ':pk': `module#${options.module}`, ':pin': 'cell-pin#' },
      ScanIndexForward: false,
      Limit: 10,
    }),
  );
  return (output.Items ?? []).map(({ pk: _pk, sk: _sk, ...pin }) => pin as CellPin);
}
