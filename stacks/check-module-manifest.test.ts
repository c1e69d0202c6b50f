import { describe, expect, it } from 'vitest';
import { defineModule, type ModuleManifestInput } from '../modules/kit/index.ts';
import { checkModuleManifest, type ManifestContext } from './check-module-manifest.ts';
import { messageModule, navigateModule, ratingsModule } from './test-fixtures.ts';

const context: ManifestContext = {
  otherModules: [],
  region: 'us-east-1',
  resourcePrefix: 'turnout',
  homeRegion: 'us-east-1',
  streamConsumers: {},
};

function check(input: ModuleManifestInput, overrides: Partial<ManifestContext> = {}): void {
  checkModuleManifest(defineModule(input), { ...context, ...overrides });
}

const base = { owner: 'team-x', tier: 'low' as const, rest: { prefixes: ['/x'] } };

describe('checkModuleManifest', () => {
  it('accepts the sample modules side by side', () => {
    const all = [ratingsModule, messageModule, navigateModule];
    for (const manifest of all) {
      checkModuleManifest(manifest, { ...context, otherModules: all });
    }
  });

  it('refuses a REST prefix another module owns, naming the owner and a way out', () => {
    expect(() =>
      check(
        { ...base, name: 'loads', rest: { prefixes: ['/fleet/loads'] } },
        { otherModules: [navigateModule] },
      ),
    ).toThrow(
      'Module "loads" cannot be deployed: the REST prefix "/fleet/loads" belongs to module "navigate" (owner team-relay). Choose another prefix, or a longer one such as "/fleet/loads/loads", or move the path to "navigate".',
    );
  });

  it('allows a longer prefix under one another module owns', () => {
    check(
      { ...base, name: 'replies', rest: { prefixes: ['/message/replies'] } },
      { otherModules: [messageModule] },
    );
  });

  it('refuses a stream consumer on a table the manifest does not declare', () => {
    expect(() => check({ ...base, name: 'demo' }, { streamConsumers: { votes: {} } })).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_TABLE',
        message: expect.stringContaining('tables: none declared'),
      }),
    );
  });

  it('refuses a stream consumer on a table without a stream', () => {
    const tables = { votes: { partitionKey: { name: 'pk' } } };
    expect(() =>
      check({ ...base, name: 'demo', tables }, { streamConsumers: { votes: {} } }),
    ).toThrow(
      expect.objectContaining({
        code: 'STREAM_NOT_ENABLED',
        message: expect.stringContaining("stream: 'NEW_AND_OLD_IMAGES'"),
      }),
    );
  });

  it('refuses a replica in the home Region and a replica stream without both images', () => {
    const replicated = (extra: object) => ({
      ...base,
      name: 'demo',
      tables: { votes: { partitionKey: { name: 'pk' }, ...extra } },
    });
    expect(() => check(replicated({ replicaRegions: ['us-east-1'] }))).toThrow(
      expect.objectContaining({ code: 'REPLICA_IN_HOME_REGION' }),
    );
    expect(() => check(replicated({ replicaRegions: ['eu-west-1'], stream: 'KEYS_ONLY' }))).toThrow(
      expect.objectContaining({ code: 'REPLICA_STREAM_VIEW' }),
    );
  });

  it('refuses one attribute with two types across keys and indexes', () => {
    const tables = {
      votes: {
        partitionKey: { name: 'pk' },
        indexes: { byPk: { partitionKey: { name: 'pk', type: 'N' as const } } },
      },
    };
    expect(() => check({ ...base, name: 'demo', tables })).toThrow(
      expect.objectContaining({ code: 'ATTRIBUTE_TYPE_CONFLICT' }),
    );
  });

  it('refuses a consumed queue that hides messages for less than the function timeout', () => {
    expect(() =>
      check({
        ...base,
        name: 'demo',
        function: { timeoutSeconds: 60 },
        queues: { jobs: { visibilityTimeoutSeconds: 30, consumer: {} } },
      }),
    ).toThrow(/Set visibilityTimeoutSeconds to at least 60 \(AWS advises 360\)/);
  });

  it('refuses a FIFO consumer batch above 10', () => {
    expect(() =>
      check({
        ...base,
        name: 'demo',
        queues: { jobs: { fifo: true, consumer: { batchSize: 11 } } },
      }),
    ).toThrow(expect.objectContaining({ code: 'FIFO_BATCH_TOO_LARGE' }));
  });

  it('refuses a name AWS would refuse, saying which and by how much', () => {
    const long = 'a-module-named-thirty-seven-chars-now';
    expect(() =>
      check(
        { ...base, name: long },
        { region: 'ap-southeast-2', resourcePrefix: 'turnoutstaging' },
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'NAME_TOO_LONG',
        message: expect.stringContaining(
          `its role would be named "turnoutstaging-${long}-ap-southeast-2", 3 character(s) over AWS's 64`,
        ),
      }),
    );
    check({ ...base, name: long }, { region: 'ap-southeast-2' });
  });

  it('refuses a module named like the gateway and a prefix listed twice', () => {
    expect(() => check({ ...base, name: 'gateway' })).toThrow(
      expect.objectContaining({ code: 'RESERVED_NAME' }),
    );
    expect(() => check({ ...base, name: 'demo', rest: { prefixes: ['/x', '/x'] } })).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_REST_PREFIX' }),
    );
  });
});
