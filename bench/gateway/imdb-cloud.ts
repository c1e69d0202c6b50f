/**
 * The IMDb graphlets (names, titles, ratings, images) and the hello REST module on the local cloud in a process of
 * their own, as test/imdb.test.ts stands them up: provisioned, seeded, published. The
 * gateway benchmark runs here so that the modules' CPU is not counted as the gateway's.
 * Prints one JSON line `{ region, lambdaEndpoint, generation }`, then serves until its
 * stdin closes.
 */
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { stop as stopEsbuild } from 'esbuild';
import { loadModule } from '../../control-plane/module-catalog/index.ts';
import { publishModule } from '../../control-plane/publish/index.ts';
import { DEFAULT_REGISTRY_TABLE, ensureRegistryTable } from '../../control-plane/registry/index.ts';
import { loadNewestGeneration } from '../../gateway/registry/load-newest-generation.ts';
import { startLocalCloud } from '../../local-cloud/index.ts';
import { provisionModule } from '../../local-cloud/provision/index.ts';
import { compareTiers } from '../../modules/kit/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MODULES = ['names', 'titles', 'ratings', 'images', 'hello'];

type Seed = (input: {
  documents: DynamoDBDocumentClient;
  tables: Record<string, string>;
}) => Promise<void>;

const cloud = await startLocalCloud();
await ensureRegistryTable(cloud.clients.dynamo, DEFAULT_REGISTRY_TABLE);
const modules = await Promise.all(MODULES.map((name) => loadModule(join(ROOT, 'modules'), name)));
await Promise.all(
  modules.map(async (module) => {
    const done = await provisionModule({
      module,
      clients: cloud.clients,
      buildDirectory: join(ROOT, '.turnout', `imdb-bench-build-${process.pid}`),
      role: 'arn:aws:iam::000000000000:role/turnout-local',
      stageSettings: cloud.stageSettings,
    });
    const seeded = (await import(join(module.directory, 'seed.ts')).catch(() => ({}))) as {
      default?: Seed;
    };
    await seeded.default?.({ documents: cloud.clients.documents, tables: done.tables });
  }),
);
await stopEsbuild();
for (const { manifest } of [...modules].sort((a, b) =>
  compareTiers(a.manifest.tier, b.manifest.tier),
)) {
  await publishModule({ manifest, clients: cloud.clients, registryTable: DEFAULT_REGISTRY_TABLE });
}
const generation = await loadNewestGeneration({
  documents: cloud.clients.documents,
  tableName: DEFAULT_REGISTRY_TABLE,
});
process.stdout.write(
  `${JSON.stringify({ region: cloud.region, lambdaEndpoint: cloud.endpoints.lambda, generation })}\n`,
);
const stop = async () => {
  await cloud.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
process.stdin.resume();
