import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ManifestError, type ModuleManifestInput } from '../../modules/kit/index.ts';
import { setUpLocalDynamoDb } from '../../test/support/set-up-local-dynamo-db.ts';
import type { AwsClients } from '../aws/index.ts';
import {
  ensureRegistryTable,
  listModuleRecords,
  readLatestGeneration,
  readModuleRecord,
} from '../registry/index.ts';
import { PublishRejectedError } from './errors.ts';
import { publishModule } from './publish-module.ts';

const titlesSdl = /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") {
    id: ID!
    name: String!
  }
  type Query {
    title(id: ID!): Title
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }
`;

const ratingsSdl = /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") {
    id: ID!
    rating: Float
  }
  type Query {
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }
`;

function graphlet(name: string, sdl: string, extra: Partial<ModuleManifestInput> = {}) {
  return { name, owner: `team-${name}`, tier: 'medium', graphql: { sdl }, ...extra } as const;
}

function restModule(name: string, prefixes: string[]): ModuleManifestInput {
  return { name, owner: `team-${name}`, tier: 'low', rest: { prefixes } };
}

let clients: AwsClients;
let tableCount = 0;
let registryTable: string;

setUpLocalDynamoDb((started) => {
  clients = started;
});

// A fresh registry per test keeps the tests independent on one DynamoDB Local.
beforeEach(async () => {
  registryTable = `registry-${++tableCount}`;
  await ensureRegistryTable(clients.dynamo, registryTable);
});

const publish = (manifest: ModuleManifestInput, allowBreaking = false) =>
  publishModule({ manifest, clients, registryTable, allowBreaking });

/** Every item in the registry, to show a rejected publish wrote nothing. */
async function registrySnapshot() {
  const output = await clients.documents.send(new ScanCommand({ TableName: registryTable }));
  return (output.Items ?? []).sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}

async function rejection(manifest: ModuleManifestInput, allowBreaking = false) {
  const error = await publish(manifest, allowBreaking).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PublishRejectedError);
  return error as PublishRejectedError;
}

describe('publishModule', () => {
  it('publishes two modules whose types merge, each in a new generation', async () => {
    const first = await publish(graphlet('titles', titlesSdl));
    const second = await publish(graphlet('ratings', ratingsSdl));

    expect(first.generation.generation).toBe(1);
    expect(second.generation.generation).toBe(2);
    expect(second.generation.subgraphs.map((s) => s.module)).toEqual(['ratings', 'titles']);
    const title = /type Title \{[^}]*\}/.exec(second.generation.supergraphSdl)?.[0];
    expect(title).toContain('name: String!');
    expect(title).toContain('rating: Float');
    const latest = await readLatestGeneration(clients.documents, registryTable);
    expect(latest).toEqual(second.generation);
    expect(second.moduleRecord).toMatchObject({
      name: 'ratings',
      functionName: 'turnout-ratings',
      alias: 'live',
      revision: 1,
    });
  });

  it('adds routes for REST prefixes and a timeout from the function', async () => {
    await publish(restModule('message', ['/message']));
    const { generation } = await publish({
      ...restModule('loads', ['/fleet/loads']),
      function: { timeoutSeconds: 3 },
    });
    expect(generation.routes).toEqual([
      {
        prefix: '/fleet/loads',
        module: 'loads',
        functionName: 'turnout-loads',
        alias: 'live',
        timeoutMs: 3000,
      },
      {
        prefix: '/message',
        module: 'message',
        functionName: 'turnout-message',
        alias: 'live',
        timeoutMs: 10_000,
      },
    ]);
    expect(generation.supergraphSdl).toBe('');
  });

  it("names each module's function under the environment's resource prefix, as its stack did", async () => {
    const resourcePrefix = 'turnoutstg';
    await publishModule({
      manifest: restModule('message', ['/message']),
      clients,
      registryTable,
      resourcePrefix,
    });
    const { generation, moduleRecord } = await publishModule({
      manifest: graphlet('titles', titlesSdl),
      version: '3',
      clients,
      registryTable,
      resourcePrefix,
    });
    expect(generation.routes.map((r) => r.functionName)).toEqual(['turnoutstg-message']);
    expect(generation.subgraphs.map((s) => s.functionName)).toEqual(['turnoutstg-titles']);
    expect(moduleRecord.functionName).toBe('turnoutstg-titles');
  });

  it("carries each prefix's access rules in its route, for the gateway to enforce", async () => {
    const { generation } = await publish({
      name: 'fleet',
      owner: 'team-fleet',
      tier: 'high',
      rest: {
        prefixes: ['/fleet', '/depots'],
        access: [
          { path: '/fleet', authenticated: true },
          { path: '/fleet/:truck/keys', methods: ['POST'], scopes: [['fleet:keys']] },
        ],
      },
    });
    expect(generation.routes.map(({ prefix, access }) => ({ prefix, access }))).toEqual([
      { prefix: '/depots', access: undefined },
      {
        prefix: '/fleet',
        access: [
          { path: '/fleet', authenticated: true },
          { path: '/fleet/:truck/keys', methods: ['POST'], scopes: [['fleet:keys']] },
        ],
      },
    ]);
  });

  it('refuses a module that guards a shared type otherwise than its other owner', async () => {
    await publish(graphlet('titles', titlesSdl));
    const guarded = ratingsSdl.replace(
      'type Title @key(selectionSet: "{ id }")',
      'type Title @key(selectionSet: "{ id }") @authenticated',
    );
    const error = await rejection(graphlet('ratings', guarded));
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'ACCESS_CONFLICT',
        coordinate: 'Title',
        otherModule: 'titles',
      }),
    ]);
  });

  it('caps the gateway timeout of a slow function at ten seconds', async () => {
    const { generation } = await publish({
      ...graphlet('titles', titlesSdl),
      function: { timeoutSeconds: 60 },
    });
    expect(generation.subgraphs[0]?.timeoutMs).toBe(10_000);
  });

  it('rejects invalid SDL with the line of each error, and writes nothing', async () => {
    await publish(graphlet('titles', titlesSdl));
    const before = await registrySnapshot();
    const error = await rejection(
      graphlet('ratings', 'type Query {\n  rating(id: ID!): Ratingg\n}'),
    );
    expect(error.code).toBe('PUBLISH_REJECTED');
    expect(error.problems).toEqual([
      expect.objectContaining({ code: 'INVALID_SDL', line: 2, column: 20 }),
    ]);
    expect(error.message).toContain('Unknown type "Ratingg"');
    expect(error.message).toContain('Fix:');
    expect(await registrySnapshot()).toEqual(before);
  });

  it('rejects SDL that does not parse, with its line', async () => {
    const error = await rejection(graphlet('titles', 'type Query {\n  title: \n}'));
    expect(error.problems[0]).toMatchObject({ code: 'INVALID_SDL', line: 3 });
  });

  it('rejects a root field another module serves, naming both', async () => {
    await publish(graphlet('titles', titlesSdl));
    const before = await registrySnapshot();
    const error = await rejection(graphlet('search', 'type Query { title(id: ID!): String }'));
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'ROOT_FIELD_CONFLICT',
        coordinate: 'Query.title',
        otherModule: 'titles',
      }),
    ]);
    expect(error.message).toMatch(/Query\.title.*"titles"/);
    expect(await registrySnapshot()).toEqual(before);
  });

  it('rejects a type two modules define without merging it', async () => {
    await publish(graphlet('titles', titlesSdl));
    const error = await rejection(
      graphlet('images', 'type Title { id: ID! url: String } type Query { images: [Title] }'),
    );
    expect(error.problems[0]).toMatchObject({ code: 'TYPE_CONFLICT', coordinate: 'Title' });
    expect(error.problems[0]?.fix).toContain('@key');
  });

  it('rejects a merged type whose shared field has another type', async () => {
    await publish(graphlet('titles', titlesSdl));
    const error = await rejection(
      graphlet('ratings', ratingsSdl.replace('id: ID!', 'id: String!')),
    );
    expect(error.problems[0]).toMatchObject({
      code: 'FIELD_TYPE_CONFLICT',
      coordinate: 'Title.id',
      otherModule: 'titles',
    });
  });

  it('rejects a REST prefix another module owns, and writes nothing', async () => {
    await publish(restModule('message', ['/message']));
    const before = await registrySnapshot();
    const error = await rejection(restModule('chat', ['/chat', '/message']));
    expect(error.problems).toEqual([
      expect.objectContaining({
        code: 'REST_PREFIX_TAKEN',
        prefix: '/message',
        otherModule: 'message',
      }),
    ]);
    expect(await registrySnapshot()).toEqual(before);
  });

  it('rejects a breaking change against the previous SDL, and writes nothing', async () => {
    await publish(graphlet('titles', titlesSdl));
    const before = await registrySnapshot();
    const error = await rejection(graphlet('titles', titlesSdl.replace('name: String!', '')));
    expect(error.problems).toEqual([
      expect.objectContaining({ code: 'BREAKING_CHANGE', coordinate: 'Title.name' }),
    ]);
    expect(error.message).toContain('allowBreaking');
    expect(error.message).toContain('--allow-breaking');
    expect(await registrySnapshot()).toEqual(before);
  });

  it('accepts a breaking change with allowBreaking, and reports it', async () => {
    await publish(graphlet('titles', titlesSdl));
    const result = await publish(graphlet('titles', titlesSdl.replace('name: String!', '')), true);
    expect(result.generation.generation).toBe(2);
    expect(result.moduleRecord.revision).toBe(2);
    expect(result.changes).toContainEqual(
      expect.objectContaining({ criticality: 'BREAKING', path: 'Title.name' }),
    );
  });

  it('accepts an additive change without allowBreaking', async () => {
    await publish(graphlet('titles', titlesSdl));
    const result = await publish(
      graphlet('titles', titlesSdl.replace('name: String!', 'name: String!\n    year: Int')),
    );
    expect(result.changes).toEqual([
      expect.objectContaining({ criticality: 'NON_BREAKING', path: 'Title.year' }),
    ]);
  });

  it('lands two concurrent publishes in distinct generations, the newest with both', async () => {
    const results = await Promise.all([
      publish(graphlet('titles', titlesSdl)),
      publish(graphlet('ratings', ratingsSdl)),
    ]);
    const numbers = results.map((r) => r.generation.generation).sort();
    expect(numbers).toEqual([1, 2]);
    const latest = await readLatestGeneration(clients.documents, registryTable);
    expect(latest?.subgraphs.map((s) => s.module)).toEqual(['ratings', 'titles']);
    const records = await listModuleRecords(clients.documents, registryTable);
    expect(records.map((r) => r.name)).toEqual(['ratings', 'titles']);
  });

  it('lands concurrent publishes of the same module as successive revisions', async () => {
    const results = await Promise.all([
      publish(graphlet('titles', titlesSdl)),
      publish(graphlet('titles', titlesSdl)),
      publish(graphlet('titles', titlesSdl)),
    ]);
    expect(results.map((r) => r.moduleRecord.revision).sort()).toEqual([1, 2, 3]);
    const record = await readModuleRecord(clients.documents, registryTable, 'titles');
    expect(record?.revision).toBe(3);
  });

  it('rejects a generation too large for one registry item, and writes nothing', async () => {
    const description = 'A very long description. '.repeat(16_000);
    const sdl = `type Query {\n  "${description}"\n  ok: Boolean\n}`;
    const error = await rejection(graphlet('huge', sdl));
    expect(error.problems[0]).toMatchObject({ code: 'GENERATION_TOO_LARGE' });
    expect(error.problems[0]?.message).toContain('huge (');
    expect(await registrySnapshot()).toEqual([]);
  });

  it('rejects a bad manifest with a ManifestError naming the field', async () => {
    const error = await publish({ ...restModule('message', ['message/']) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).message).toContain('rest.prefixes.0');
    expect(await registrySnapshot()).toEqual([]);
  });
});
