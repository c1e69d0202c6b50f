/** Test support (not shipped): sample manifests in the shape of the example modules. */
import * as pulumi from '@pulumi/pulumi';
import { defineModule } from '../modules/kit/index.ts';

/** A graphlet with a global table (GSI, TTL) and a queue it consumes. */
export const ratingsModule = defineModule({
  name: 'ratings',
  owner: 'team-ratings',
  tier: 'medium',
  graphql: { sdl: 'type Query { rating(titleId: ID!): Float }' },
  function: { timeoutSeconds: 10 },
  tables: {
    votes: {
      partitionKey: { name: 'pk' },
      sortKey: { name: 'sk' },
      indexes: {
        byTitle: { partitionKey: { name: 'titleId' }, sortKey: { name: 'at', type: 'N' } },
      },
      ttlAttribute: 'expiresAt',
      replicaRegions: ['eu-west-1'],
    },
  },
  queues: { recount: { visibilityTimeoutSeconds: 60, consumer: { batchSize: 20 } } },
});

/** A path-routed module with a streamed table. */
export const messageModule = defineModule({
  name: 'message',
  owner: 'team-relay',
  tier: 'high',
  rest: { prefixes: ['/message'] },
  tables: { messages: { partitionKey: { name: 'id' }, stream: 'NEW_IMAGE' } },
});

/** Another path-routed module, with a two-level prefix. */
export const navigateModule = defineModule({
  name: 'navigate',
  owner: 'team-relay',
  tier: 'low',
  rest: { prefixes: ['/navigate', '/fleet/loads'] },
});

/** Code for tests: no bundling. */
export const testCode = new pulumi.asset.AssetArchive({
  'handler.mjs': new pulumi.asset.StringAsset('export const handler = async () => ({});'),
});
