import { createGraphletHandler, type GraphletHandler, resolveByKeys } from '../kit/index.ts';
import type { AwardsClient } from './create-awards-client.ts';
import { AWARDS_SDL } from './module.ts';

export interface AwardsGraphletOptions {
  awards: AwardsClient;
}

const TITLE_ID = /^tt\d{7,8}$/;
const NAME_ID = /^nm\d{7,8}$/;

/**
 * The awards graphlet: `awards` of titles and people, each merge level one call to the
 * legacy service per kind. When the service fails, the merge field answers an error
 * with code AWARDS_SERVICE_UNAVAILABLE and `awards` is null; the rest of the query stands.
 *
 * @example
 * const graphlet = createAwardsGraphlet({ awards: createAwardsClient({ baseUrl }) });
 * await graphlet({ query: '{ _titles(ids: ["tt0089374"]) { awards { category } } }' });
 */
export function createAwardsGraphlet(options: AwardsGraphletOptions): GraphletHandler {
  // why: a malformed id (a stub from elsewhere) names nothing; the service would refuse the batch
  const only = (pattern: RegExp, ids: string[]) => ids.filter((id) => pattern.test(id));
  return createGraphletHandler({
    sdl: AWARDS_SDL,
    resolvers: {
      Query: {
        _titles: resolveByKeys((ids) => options.awards.forTitles(only(TITLE_ID, ids))),
        _people: resolveByKeys((ids) => options.awards.forPeople(only(NAME_ID, ids))),
      },
    },
  });
}
