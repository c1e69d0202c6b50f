import { describe, expect, it } from 'vitest';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import type { GraphletHandler, GraphletResult } from '../kit/index.ts';
import { createNamesGraphlet } from './create-names-graphlet.ts';
import manifest from './module.ts';
import { encodePeopleCursor } from './people-cursor.ts';
import seed, { PEOPLE_SEED } from './seed.ts';

let graphlet: GraphletHandler;

setUpRelayModule(manifest, async ({ services, resources: { tables } }) => {
  await seed({ documents: services.clients.documents, tables });
  graphlet = createNamesGraphlet({
    documents: services.clients.documents,
    peopleTable: tables.people as string,
  });
});

const ask = (query: string, variables?: Record<string, unknown>) =>
  graphlet({ query, variables: variables ?? null });

function firstError(result: GraphletResult) {
  return { code: result.errors?.[0]?.extensions?.code, message: result.errors?.[0]?.message };
}

describe('the names graphlet', () => {
  it('seeds over 100 people with distinct ids, Jackie Chan first', () => {
    expect(PEOPLE_SEED.length).toBeGreaterThanOrEqual(100);
    expect(new Set(PEOPLE_SEED.map((p) => p.id)).size).toBe(PEOPLE_SEED.length);
    expect(PEOPLE_SEED[0]).toMatchObject({ id: 'nm0000329', name: 'Jackie Chan' });
  });

  it('answers Jackie Chan with his four best known titles as stubs', async () => {
    const result = await ask(
      '{ name(id: "nm0000329") { id name birthYear knownFor(first: 4) { id } } }',
    );
    expect(result).toEqual({
      data: {
        name: {
          id: 'nm0000329',
          name: 'Jackie Chan',
          birthYear: 1954,
          knownFor: [
            { id: 'tt0089374' },
            { id: 'tt0113326' },
            { id: 'tt0120812' },
            { id: 'tt0111512' },
          ],
        },
      },
    });
  });

  it('gives four known-for titles when first is left out', async () => {
    const result = await ask('{ name(id: "nm0000329") { knownFor { id } } }');
    const person = result.data?.name as { knownFor: unknown[] } | undefined;
    expect(person?.knownFor).toHaveLength(4);
  });

  it('answers null for a well-formed id it does not know', async () => {
    expect(await ask('{ name(id: "nm0000001") { name } }')).toEqual({ data: { name: null } });
  });

  it('answers a batch of people in the order asked, null for unknown ones', async () => {
    const result = await ask('query ($ids: [ID!]!) { _people(ids: $ids) { id name } }', {
      ids: ['nm0000676', 'nm0000001', 'tt0089374', 'nm0000329'],
    });
    expect(result.data?._people).toEqual([
      { id: 'nm0000676', name: 'Chris Tucker' },
      null,
      null,
      { id: 'nm0000329', name: 'Jackie Chan' },
    ]);
  });

  it('pages through everyone exactly once, with no cursor after the last page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result = await ask(
        'query ($after: String) { people(first: 50, after: $after) { items { id } nextCursor } }',
        { after },
      );
      const page = result.data?.people as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((p) => p.id));
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(Math.ceil(PEOPLE_SEED.length / 50));
    expect(seen.sort()).toEqual(PEOPLE_SEED.map((p) => p.id).sort());
  });

  it.each([
    ['a title id', '{ name(id: "tt0089374") { name } }', '"nm" followed by 7 or 8 digits'],
    ['a short id', '{ name(id: "nm12") { name } }', '"nm" followed by 7 or 8 digits'],
    ['a page of 0', '{ people(first: 0) { nextCursor } }', '"first" is 0'],
    ['a page of 101', '{ people(first: 101) { nextCursor } }', 'from 1 to 100'],
    ['a forged cursor', '{ people(after: "bm9wZQ") { nextCursor } }', 'nextCursor'],
    [
      'a cursor naming a title',
      `{ people(after: "${encodePeopleCursor('tt0089374')}") { nextCursor } }`,
      'handed out',
    ],
    [
      'a negative knownFor',
      '{ name(id: "nm0000329") { knownFor(first: -1) { id } } }',
      'from 0 to 20',
    ],
  ])('refuses %s with BAD_USER_INPUT and a clear message', async (_case, query, message) => {
    const error = firstError(await ask(query));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(message);
  });
});
