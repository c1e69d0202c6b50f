import { describe, expect, it } from 'vitest';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import type { GraphletHandler } from '../kit/index.ts';
import { createImagesGraphlet } from './create-images-graphlet.ts';
import manifest from './module.ts';
import seed, { IMAGES_SEED } from './seed.ts';

let graphlet: GraphletHandler;

setUpRelayModule(manifest, async ({ services, resources: { tables } }) => {
  await seed({ documents: services.clients.documents, tables });
  graphlet = createImagesGraphlet({
    documents: services.clients.documents,
    imagesTable: tables.images as string,
  });
});

describe('the images graphlet', () => {
  it('seeds a poster per sample title and a headshot per sample person', () => {
    const ids = IMAGES_SEED.map((image) => image.id);
    expect(ids.filter((id) => id.startsWith('tt')).length).toBeGreaterThanOrEqual(200);
    expect(ids.filter((id) => id.startsWith('nm')).length).toBeGreaterThanOrEqual(100);
  });

  it('answers title posters in the order asked, null where there is none', async () => {
    const result = await graphlet({
      query:
        '{ _titles(ids: ["tt0113326", "tt0000001", "nm0000329"]) { id primaryImage { url width height caption } } }',
    });
    expect(result.data?._titles).toEqual([
      {
        id: 'tt0113326',
        primaryImage: {
          url: 'https://images.turnout.example/titles/tt0113326/poster.jpg',
          width: 1000,
          height: 1481,
          caption: 'Rumble in the Bronx (1995), poster',
        },
      },
      { id: 'tt0000001', primaryImage: null },
      null,
    ]);
  });

  it('answers a person’s headshot', async () => {
    const result = await graphlet({
      query: '{ _people(ids: ["nm0000329"]) { id primaryImage { url caption } } }',
    });
    expect(result.data?._people).toEqual([
      {
        id: 'nm0000329',
        primaryImage: {
          url: 'https://images.turnout.example/names/nm0000329/headshot.jpg',
          caption: 'Jackie Chan',
        },
      },
    ]);
  });

  it('answers 300 ids in one call, across BatchGetItem’s limit of 100', async () => {
    const ids = IMAGES_SEED.filter((image) => image.id.startsWith('tt')).map((i) => i.id);
    const result = await graphlet({
      query: 'query ($ids: [ID!]!) { _titles(ids: $ids) { id primaryImage { url } } }',
      variables: { ids: [...ids, ...ids].slice(0, 300) },
    });
    const titles = (result.data?._titles ?? []) as { primaryImage: unknown }[];
    expect(titles).toHaveLength(300);
    expect(titles.every((t) => t.primaryImage !== null)).toBe(true);
  });
});
