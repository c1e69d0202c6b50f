import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type CellMap, cellOfKey } from '../../contracts/cell-map.ts';
import { generationKey, type SupergraphGeneration } from '../../contracts/registry.ts';
import { readLatestGeneration } from '../registry/read-latest-generation.ts';
import { CellMapError } from './errors.ts';

export interface PinCellKeyOptions {
  documents: DynamoDBDocumentClient;
  registryTable: string;
  module: string;
  key: string;
  /** The cell to pin the key to; `undefined` removes the key's override. */
  cell: string | undefined;
  /** Who pinned it, for the record. */
  by: string;
  reason?: string;
  /** @default the system clock */
  clock?: { now(): Date };
}

/** What a pin changed, and the record kept of it. */
export interface CellPin {
  module: string;
  key: string;
  /** The cell that served the key before, and the one that serves it now. */
  from: string | undefined;
  to: string | undefined;
  by: string;
  reason?: string;
  at: string;
  generation: number;
}

/**
 * Pins a key to a cell (or unpins it): writes the next generation with the override, and
 * a record of who, why, when, from and to, in one transaction. The gateways route the key
 * to its new cell from their next poll on. It moves requests, not data: what the key
 * wrote in its old cell stays there (docs/ARCHITECTURE.md, "Cells").
 *
 * @throws CellMapError when the module has no cells or the cell is not one of them
 * @example
 * await pinCellKey({ documents, registryTable, module: 'gatepass', key: 'TEST-1', cell: 'cell-3', by: 'ops' });
 */
export async function pinCellKey(options: PinCellKeyOptions): Promise<CellPin> {
  if (options.key.trim() === '' || options.key.length > 256)
    throw new CellMapError('INVALID_KEY', 'Give a key of 1 to 256 characters to pin.');
  for (let attempt = 1; ; attempt++) {
    const latest = await readLatestGeneration(options.documents, options.registryTable);
    const map = cellMapOf(latest, options.module);
    if (options.cell !== undefined && !map.cells.some((c) => c.name === options.cell))
      throw new CellMapError(
        'NO_SUCH_CELL',
        `Module "${options.module}" has no cell "${options.cell}": its cells are ${map.cells.map((c) => c.name).join(', ')}.`,
      );
    try {
      return await writePin(options, latest as SupergraphGeneration, map);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      if (attempt >= 5)
        throw new CellMapError(
          'PIN_CONFLICT',
          'Other registry writes kept winning the race; nothing was pinned. Run the command again.',
          { cause: error },
        );
      await sleep(Math.random() * 20 * attempt);
    }
  }
}

/** The cell map of a cellular module in a generation. @throws CellMapError when it has none */
export function cellMapOf(latest: SupergraphGeneration | undefined, module: string): CellMap {
  const map = latest?.cells?.[module];
  if (!map)
    throw new CellMapError(
      'NOT_CELLULAR',
      `The registry has no cell map for module "${module}": declare \`cells\` in its manifest and publish it (\`turnout dev\` does).`,
    );
  return map;
}

async function writePin(
  options: PinCellKeyOptions,
  latest: SupergraphGeneration,
  map: CellMap,
): Promise<CellPin> {
  const { [options.key]: _old, ...others } = map.overrides;
  const overrides =
    options.cell === undefined ? others : { ...others, [options.key]: options.cell };
  const number = latest.generation + 1;
  const at = (options.clock ?? { now: () => new Date() }).now().toISOString();
  const generation: SupergraphGeneration = {
    ...latest,
    ...generationKey(number),
    generation: number,
    createdAt: at,
    publishedBy: `${options.module} (cell pin)`,
    cells: { ...latest.cells, [options.module]: { ...map, overrides } },
  };
  const pin: CellPin = {
    module: options.module,
    key: options.key,
    from: cellOfKey(map, options.key),
    to: cellOfKey({ ...map, overrides }, options.key),
    by: options.by,
    ...(options.reason ? { reason: options.reason } : {}),
    at,
    generation: number,
  };
  await options.documents.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: options.registryTable,
            Item: generation,
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: options.registryTable,
            Item: { ...cellPinKey(options.module, at, number), ...pin },
          },
        },
      ],
    }),
  );
  return pin;
}

/** Where a pin's record is kept: beside the module's record, newest last. */
export function cellPinKey(module: string, at: string, generation: number) {
  return { pk: `module#${module}`, sk: `cell-pin#${at}#${generation}` };
}
