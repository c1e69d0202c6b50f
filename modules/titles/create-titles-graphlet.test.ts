import { describe, expect, it } from 'vitest';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import type { GraphletHandler } from '../kit/index.ts';
import { createTitlesGraphlet } from './create-titles-graphlet.ts';
import manifest from './module.ts';
import seed, { TITLES_SEED } from './seed.ts';

let graphlet: GraphletHandler;

setUpRelayModule(manifest, async ({ services, resources: { tables } }) => {
  await seed({ documents: services.clients.documents, tables });
  graphlet = createTitlesGraphlet({
    documents: services.clients.documents,
    titlesTable: tables.titles as string,
  });
});

describe('the titles graphlet', () => {
  it('seeds over 200 titles, Jackie Chan’s best known among them', () => {
    expect(TITLES_SEED.length).toBeGreaterThanOrEqual(200);
    const ids = TITLES_SEED.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'tt0089374',
        'tt0113326',
        'tt0120812',
        'tt0111512',
        'tt0184894',
        'tt0085127',
      ]),
    );
  });

  it('answers a title by its id', async () => {
    const result = await graphlet({
      query: '{ title(id: "tt0089374") { id title year type genres } }',
    });
    expect(result).toEqual({
      data: {
        title: {
          id: 'tt0089374',
          title: 'Police Story',
          year: 1985,
          type: 'MOVIE',
          genres: ['Action', 'Comedy', 'Crime'],
        },
      },
    });
  });

  it('answers null for a well-formed id it does not know', async () => {
    const result = await graphlet({ query: '{ title(id: "tt0000001") { title } }' });
    expect(result).toEqual({ data: { title: null } });
  });

  it('answers a batch in the order asked, null for unknown and malformed ids', async () => {
    const result = await graphlet({
      query: 'query ($ids: [ID!]!) { _titles(ids: $ids) { id title } }',
      variables: { ids: ['tt0120812', 'tt0000001', 'nm0000329', 'tt0113326', 'tt0120812'] },
    });
    expect(result.data?._titles).toEqual([
      { id: 'tt0120812', title: 'Rush Hour' },
      null,
      null,
      { id: 'tt0113326', title: 'Rumble in the Bronx' },
      { id: 'tt0120812', title: 'Rush Hour' },
    ]);
  });

  it('reads a batch larger than one BatchGetItem call', async () => {
    const ids = TITLES_SEED.map((t) => t.id);
    const result = await graphlet({
      query: 'query ($ids: [ID!]!) { _titles(ids: $ids) { id } }',
      variables: { ids },
    });
    const titles = (result.data?._titles ?? []) as { id: string }[];
    expect(titles.map((t) => t.id)).toEqual(ids);
  });

  it.each(['nm0000329', 'tt123', 'Police Story', ''])(
    'refuses the id "%s" with BAD_USER_INPUT and a message showing a good one',
    async (id) => {
      const result = await graphlet({
        query: 'query ($id: ID!) { title(id: $id) { title } }',
        variables: { id },
      });
      expect(result.data).toEqual({ title: null });
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toContain('"tt" followed by 7 or 8 digits');
    },
  );
});
