import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';

/**
 * What a module's `seed.ts` exports by default: it loads the module's sample data into
 * its tables (logical name -> physical name). `turnout dev` runs it once at start.
 */
export type SeedFunction = (input: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}) => Promise<void>;

/** Runs `modules/<name>/seed.ts` if the module has one; true when it did. */
export async function seedModule(
  module: DiscoveredModule,
  input: { documents: DynamoDBDocumentClient; tables: Record<string, string> },
): Promise<boolean> {
  const file = join(module.directory, 'seed.ts');
  const present = await access(file).then(
    () => true,
    () => false,
  );
  if (!present) return false;
  const loaded = (await import(pathToFileURL(file).href)) as { default?: SeedFunction };
  if (typeof loaded.default !== 'function') {
    throw new Error(
      `${file} must export a default seed function: \`export default async function seed({ documents, tables }) {...}\`.`,
    );
  }
  await loaded.default(input);
  return true;
}
