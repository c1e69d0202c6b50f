import { describe, expect, it } from 'vitest';
import type { ModuleManifestInput } from '../../modules/kit/index.ts';
import { useLocalRegistry } from '../../test/support/local-registry.ts';
import {
  listModuleRecords,
  readLatestGeneration,
  readModuleRecord,
  readVersionRecord,
} from '../registry/index.ts';
import { publishCells } from './publish-cells.ts';
import { publishModule } from './publish-module.ts';
import { retireModule } from './retire-module.ts';

const titles: ModuleManifestInput = {
  name: 'titles',
  owner: 'team-titles',
  tier: 'critical',
  graphql: {
    sdl: /* GraphQL */ `
      type Title @key(selectionSet: "{ id }") { id: ID! name: String }
      type Query { title(id: ID!): Title _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
    `,
  },
};
const images: ModuleManifestInput = {
  name: 'images',
  owner: 'team-images',
  tier: 'low',
  rest: { prefixes: ['/images'] },
  graphql: {
    sdl: /* GraphQL */ `
      type Image { url: String! }
      type Title @key(selectionSet: "{ id }") { id: ID! primaryImage: Image }
      type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
    `,
  },
};
const depot: ModuleManifestInput = {
  name: 'depot',
  owner: 'team-depot',
  tier: 'medium',
  rest: { prefixes: ['/depot'] },
  cells: { names: ['cell-1', 'cell-2'], key: { rest: [{ path: '/depot', header: 'x-facility' }] } },
};

const registry = useLocalRegistry();
const options = () => ({ clients: registry.clients, registryTable: registry.table });
const latest = () => readLatestGeneration(registry.clients.documents, registry.table);

describe('retireModule', () => {
  it("writes a generation without the module's schema, routes and release, and deletes its record", async () => {
    await publishModule({ manifest: titles, version: '3', ...options() });
    await publishModule({ manifest: images, version: '5', ...options() });
    const before = await latest();
    expect(before?.supergraphSdl).toContain('primaryImage');

    const retired = await retireModule({ module: 'images', ...options() });

    const after = await latest();
    expect(retired).toEqual(after);
    expect(after?.generation).toBe((before?.generation ?? 0) + 1);
    expect(after?.publishedBy).toBe('images (retired)');
    expect(after?.subgraphs.map((s) => s.module)).toEqual(['titles']);
    expect(after?.routes).toEqual([]);
    expect(after?.releases).toEqual({ titles: { stable: '3' } });
    expect(after?.supergraphSdl).toContain('type Title');
    expect(after?.supergraphSdl).not.toContain('primaryImage');
    const { documents } = registry.clients;
    expect(await readModuleRecord(documents, registry.table, 'images')).toBeUndefined();
    const records = await listModuleRecords(documents, registry.table);
    expect(records.map((r) => r.name)).toEqual(['titles']);
    // What version 5 served stays on record: the history of a module outlives it.
    expect((await readVersionRecord(documents, registry.table, 'images', '5'))?.version).toBe('5');
  });

  it('takes out a cellular module with its cell map and every cell release', async () => {
    await publishModule({ manifest: titles, version: '3', ...options() });
    await publishCells({
      manifest: depot,
      cellVersions: { 'cell-1': '1', 'cell-2': '1' },
      ...options(),
    });
    const before = await latest();
    expect(Object.keys(before?.releases ?? {}).sort()).toEqual([
      'depot-cell-1',
      'depot-cell-2',
      'titles',
    ]);

    await retireModule({ module: 'depot', ...options() });

    const after = await latest();
    expect(after?.cells).toEqual({});
    expect(after?.routes).toEqual([]);
    expect(Object.keys(after?.releases ?? {})).toEqual(['titles']);
  });

  it('leaves the registry as it was for a module it does not serve', async () => {
    await publishModule({ manifest: titles, version: '3', ...options() });
    const before = await registry.snapshot();

    expect(await retireModule({ module: 'images', ...options() })).toBeUndefined();

    expect(await registry.snapshot()).toEqual(before);
  });
});
