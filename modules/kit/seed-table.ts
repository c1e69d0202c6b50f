import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteItems } from './batch-write-items.ts';
import { ModuleResourceError } from './errors.ts';

/** What `turnout dev` gives a module's seed: a client and its tables' physical names. */
export interface ModuleSeedInput {
  documents: DynamoDBDocumentClient;
  /** Logical table name (module.ts) -> physical name. */
  tables: Record<string, string>;
}

/** What a module's `seed.ts` exports by default; `turnout dev` runs it once at start. */
export type ModuleSeed = (input: ModuleSeedInput) => Promise<void>;

/**
 * A module seed that puts these items into one of its tables (25 a call; puts
 * overwrite, so seeding twice leaves the same table).
 *
 * @example
 * export const PEOPLE_SEED: readonly Person[] = JSON.parse(readFileSync(...));
 * export default seedTable('people', PEOPLE_SEED);
 */
export function seedTable(table: string, items: readonly object[]): ModuleSeed {
  return async ({ documents, tables }) => {
    const tableName = tables[table];
    if (!tableName) {
      throw new ModuleResourceError(
        'MISSING_SEED_TABLE',
        `seed needs the physical name of the "${table}" table: pass { tables: { ${table}: '<name>' } }.`,
      );
    }
    await batchWriteItems(documents, tableName, items);
  };
}
