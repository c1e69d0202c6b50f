import { describe, expect, it } from 'vitest';
import {
  generationKey,
  type ModuleRecord,
  moduleRecordKey,
  REGISTRY_FORMAT,
  type SupergraphGeneration,
} from '../../contracts/registry.ts';
import { defineModule } from '../../modules/kit/index.ts';
import { setUpLocalDynamoDb } from '../../test/support/set-up-local-dynamo-db.ts';
import type { AwsClients } from '../aws/index.ts';
import { ensureRegistryTable } from './ensure-registry-table.ts';
import { RegistryConflictError } from './errors.ts';
import { listModuleRecords } from './list-module-records.ts';
import { readGeneration } from './read-generation.ts';
import { readLatestGeneration } from './read-latest-generation.ts';
import { readModuleRecord } from './read-module-record.ts';
import { writePublication } from './write-publication.ts';

const table = 'turnout-registry-test';
let clients: AwsClients;

setUpLocalDynamoDb(async (started) => {
  clients = started;
  await ensureRegistryTable(clients.dynamo, table);
});

const manifest = defineModule({
  name: 'message',
  owner: 'team-relay',
  tier: 'low',
  rest: { prefixes: ['/message'] },
});

function record(revision: number): ModuleRecord {
  return {
    ...moduleRecordKey('message'),
    name: 'message',
    owner: 'team-relay',
    tier: 'low',
    functionName: 'turnout-message',
    alias: 'live',
    restPrefixes: ['/message'],
    manifest,
    revision,
    publishedAt: '2026-01-01T00:00:00.000Z',
  };
}

function generation(n: number): SupergraphGeneration {
  return {
    ...generationKey(n),
    format: REGISTRY_FORMAT,
    generation: n,
    createdAt: '2026-01-01T00:00:00.000Z',
    publishedBy: 'message',
    subgraphs: [],
    routes: [
      {
        prefix: '/message',
        module: 'message',
        functionName: 'turnout-message',
        alias: 'live',
        timeoutMs: 10_000,
      },
    ],
    supergraphSdl: '',
  };
}

describe('the registry', () => {
  it('is empty before the first publish', async () => {
    expect(await readLatestGeneration(clients.documents, table)).toBeUndefined();
    expect(await listModuleRecords(clients.documents, table)).toEqual([]);
  });

  it('creates its table once and accepts being ensured again', async () => {
    await expect(ensureRegistryTable(clients.dynamo, table)).resolves.toBeUndefined();
  });

  it('writes a module record and a generation together, and reads them back', async () => {
    await writePublication(clients.documents, table, {
      moduleRecord: record(1),
      generation: generation(1),
      previousRevision: undefined,
    });
    await writePublication(clients.documents, table, {
      moduleRecord: record(2),
      generation: generation(2),
      previousRevision: 1,
    });
    expect((await readLatestGeneration(clients.documents, table))?.generation).toBe(2);
    expect(await readGeneration(clients.documents, table, 1)).toEqual(generation(1));
    expect(await readGeneration(clients.documents, table, 99)).toBeUndefined();
    expect((await readModuleRecord(clients.documents, table, 'message'))?.revision).toBe(2);
    expect((await listModuleRecords(clients.documents, table)).map((r) => r.name)).toEqual([
      'message',
    ]);
  });

  it('refuses a generation number that is taken, and writes neither item', async () => {
    const write = writePublication(clients.documents, table, {
      moduleRecord: record(3),
      generation: generation(2),
      previousRevision: 2,
    });
    await expect(write).rejects.toThrow(RegistryConflictError);
    await expect(write).rejects.toMatchObject({ conflicts: ['generation'] });
    expect((await readModuleRecord(clients.documents, table, 'message'))?.revision).toBe(2);
  });

  it('refuses a module record that moved past the revision the writer read', async () => {
    const write = writePublication(clients.documents, table, {
      moduleRecord: record(2),
      generation: generation(3),
      previousRevision: 1,
    });
    await expect(write).rejects.toMatchObject({
      code: 'REGISTRY_CONFLICT',
      conflicts: ['module-record'],
    });
    expect(await readGeneration(clients.documents, table, 3)).toBeUndefined();
  });

  it('deletes a retired module record only at the revision the writer read', async () => {
    const stale = writePublication(clients.documents, table, {
      generation: { ...generation(3), routes: [] },
      retiredRecord: { module: 'message', revision: 1 },
    });
    await expect(stale).rejects.toMatchObject({ conflicts: ['module-record'] });
    expect((await readModuleRecord(clients.documents, table, 'message'))?.revision).toBe(2);
    expect(await readGeneration(clients.documents, table, 3)).toBeUndefined();

    await writePublication(clients.documents, table, {
      generation: { ...generation(3), routes: [] },
      retiredRecord: { module: 'message', revision: 2 },
    });
    expect(await readModuleRecord(clients.documents, table, 'message')).toBeUndefined();
    expect(await listModuleRecords(clients.documents, table)).toEqual([]);
  });
});
