import { createGraphletHandler, type GraphletHandler, resolveByKeys } from '../kit/index.ts';
import { checkCount } from './check-count.ts';
import { listPeople } from './list-people.ts';
import { loadPeople, type PeopleStore } from './load-people.ts';
import { NAMES_SDL } from './module.ts';
import { isNameId, parseNameId } from './name-id.ts';
import type { Person } from './person.ts';

export interface NamesGraphletOptions extends PeopleStore {}

/** The most titles `knownFor(first:)` gives; a person's list is short. */
const MAX_KNOWN_FOR = 20;
/** The largest page of `people(first:)`. */
const MAX_PAGE = 100;

/**
 * The names graphlet: `name(id)`, the paged `people` list, and `_people(ids)` for the
 * gateway. `knownFor` answers Title stubs (`{ id }`) that the gateway completes from the
 * titles, ratings, images and awards graphlets, one batch per merge level.
 *
 * @example
 * const graphlet = createNamesGraphlet({ documents, peopleTable: 'turnout-names-people' });
 * await graphlet({ query: '{ name(id: "nm0000329") { name knownFor { id } } }' });
 */
export function createNamesGraphlet(options: NamesGraphletOptions): GraphletHandler {
  const store: PeopleStore = { documents: options.documents, peopleTable: options.peopleTable };
  return createGraphletHandler({
    sdl: NAMES_SDL,
    resolvers: {
      Query: {
        name: async (_: unknown, args: { id: string }) => {
          const [person] = await loadPeople([parseNameId(args.id)], store);
          return person ?? null;
        },
        people: (_: unknown, args: { first: number; after?: string | null }) =>
          listPeople(
            {
              first: checkCount('first', args.first, { min: 1, max: MAX_PAGE }),
              after: args.after,
            },
            store,
          ),
        // why: a stub with a malformed id names no person; it answers null, not an error
        _people: resolveByKeys((ids) => loadPeople(ids.filter(isNameId), store)),
      },
      Person: {
        knownFor: (person: Person, args: { first: number }) => {
          const first = checkCount('first', args.first, { min: 0, max: MAX_KNOWN_FOR });
          return (person.knownFor ?? []).slice(0, first).map((id) => ({ id }));
        },
      },
    },
  });
}
