import { describe, expect, it } from 'vitest';
import type { ModuleManifestInput } from '../../modules/kit/index.ts';
import { useLocalRegistry } from '../../test/support/local-registry.ts';
import { readLatestGeneration } from '../registry/index.ts';
import { PublishRejectedError } from './errors.ts';
import { publishModule, recordModuleVersion } from './publish-module.ts';
import { releaseModule } from './release-module.ts';

const imagesV1 = /* GraphQL */ `
  type Image { url: String! }
  type Title @key(selectionSet: "{ id }") { id: ID! primaryImage: Image }
  type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
`;
const imagesV2 = /* GraphQL */ `
  type Image { url: String! alt: String }
  type Title @key(selectionSet: "{ id }") { id: ID! primaryImage(size: Int): Image }
  type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
`;
const imagesV3 = /* GraphQL */ `
  type Image { alt: String }
  type Title @key(selectionSet: "{ id }") { id: ID! primaryImage: Image }
  type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }
`;

function images(sdl: string, prefixes: string[] = ['/images']): ModuleManifestInput {
  const rest = prefixes.length ? { rest: { prefixes } } : {};
  return { name: 'images', owner: 'team-images', tier: 'low', graphql: { sdl }, ...rest };
}

const registry = useLocalRegistry();
const options = () => ({ clients: registry.clients, registryTable: registry.table });

describe('releaseModule', () => {
  it('names the published version as stable and serves its schema alone', async () => {
    const { generation } = await publishModule({
      manifest: images(imagesV1),
      version: '1',
      ...options(),
    });
    expect(generation.releases?.images).toEqual({ stable: '1' });
    expect(generation.supergraphSdl).not.toContain('alt');
  });

  it('records a candidate without changing what the gateways serve', async () => {
    await publishModule({ manifest: images(imagesV1), version: '1', ...options() });
    const before = await readLatestGeneration(registry.clients.documents, registry.table);
    await recordModuleVersion({ manifest: images(imagesV2), version: '2', ...options() });
    const after = await readLatestGeneration(registry.clients.documents, registry.table);
    expect(after?.generation).toBe(before?.generation);
  });

  it('serves both versions during a split, naming what only the candidate serves', async () => {
    await publishModule({ manifest: images(imagesV1), version: '1', ...options() });
    await recordModuleVersion({
      manifest: images(imagesV2, ['/images', '/thumbnails']),
      version: '2',
      ...options(),
    });
    const split = await releaseModule({
      module: 'images',
      stable: '1',
      candidate: { version: '2', weight: 0.1 },
      ...options(),
    });
    expect(split.releases?.images).toEqual({
      stable: '1',
      candidate: { version: '2', weight: 0.1 },
      candidateOnly: ['Image.alt', 'Title.primaryImage(size:)'],
    });
    expect(split.supergraphSdl).toContain('alt: String');
    const routes = Object.fromEntries(split.routes.map((r) => [r.prefix, r.alias]));
    expect(routes).toEqual({ '/images': 'live', '/thumbnails': '2' });
  });

  it('keeps serving what the candidate drops from the stable version until it takes all traffic', async () => {
    await publishModule({ manifest: images(imagesV1), version: '1', ...options() });
    await recordModuleVersion({
      manifest: images(imagesV3, []),
      version: '3',
      allowBreaking: true,
      ...options(),
    });
    const split = await releaseModule({
      module: 'images',
      stable: '1',
      candidate: { version: '3', weight: 0.5 },
      ...options(),
    });
    expect(split.releases?.images?.stableOnly).toEqual(['Image.url']);
    expect(split.releases?.images?.candidateOnly).toEqual(['Image.alt']);
    expect(split.routes).toEqual([expect.objectContaining({ prefix: '/images', alias: '1' })]);
    const promoted = await releaseModule({ module: 'images', stable: '3', ...options() });
    expect(promoted.releases?.images).toEqual({ stable: '3' });
    expect(promoted.supergraphSdl).not.toContain('url');
    expect(promoted.routes).toEqual([]);
  });

  it('puts the stable schema back when the candidate is rolled back', async () => {
    await publishModule({ manifest: images(imagesV1), version: '1', ...options() });
    await recordModuleVersion({ manifest: images(imagesV2), version: '2', ...options() });
    await releaseModule({
      module: 'images',
      stable: '1',
      candidate: { version: '2', weight: 1 },
      ...options(),
    });
    const back = await releaseModule({ module: 'images', stable: '1', ...options() });
    expect(back.releases?.images).toEqual({ stable: '1' });
    expect(back.supergraphSdl).not.toContain('alt');
  });

  it('refuses a candidate that was never recorded, naming the command that records it', async () => {
    await publishModule({ manifest: images(imagesV1), version: '1', ...options() });
    const before = await registry.snapshot();
    const error = await releaseModule({
      module: 'images',
      stable: '1',
      candidate: { version: '9', weight: 0.1 },
      ...options(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishRejectedError);
    expect((error as PublishRejectedError).problems[0]).toMatchObject({
      code: 'VERSION_NOT_RECORDED',
      fix: expect.stringContaining('turnout deploy images'),
    });
    expect(await registry.snapshot()).toEqual(before);
  });

  it('refuses a candidate that drops a field unless breaking changes are allowed', async () => {
    await publishModule({ manifest: images(imagesV1), version: '1', ...options() });
    const before = await registry.snapshot();
    const error = await recordModuleVersion({
      manifest: images(imagesV3),
      version: '3',
      ...options(),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishRejectedError);
    expect((error as PublishRejectedError).problems.map((p) => p.code)).toContain(
      'BREAKING_CHANGE',
    );
    expect(await registry.snapshot()).toEqual(before);
  });
});
