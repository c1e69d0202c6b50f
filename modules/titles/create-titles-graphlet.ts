import { createGraphletHandler, type GraphletHandler, resolveByKeys } from '../kit/index.ts';
import { loadTitles, type TitlesStore } from './load-titles.ts';
import { TITLES_SDL } from './module.ts';
import { isTitleId, parseTitleId } from './title-id.ts';

export interface TitlesGraphletOptions extends TitlesStore {}

/**
 * The titles graphlet: `title(id)` for clients and `_titles(ids)` for the gateway, which
 * sends every title of a merge level in one call, read with BatchGetItem.
 *
 * @example
 * const graphlet = createTitlesGraphlet({ documents, titlesTable: 'turnout-titles-titles' });
 * await graphlet({ query: '{ title(id: "tt0089374") { title year } }' });
 */
export function createTitlesGraphlet(options: TitlesGraphletOptions): GraphletHandler {
  const store: TitlesStore = { documents: options.documents, titlesTable: options.titlesTable };
  return createGraphletHandler({
    sdl: TITLES_SDL,
    resolvers: {
      Query: {
        title: async (_: unknown, args: { id: string }) => {
          const [title] = await loadTitles([parseTitleId(args.id)], store);
          return title ?? null;
        },
        // why: a stub with a malformed id names no title; it answers null, not an error
        _titles: resolveByKeys((ids) => loadTitles(ids.filter(isTitleId), store)),
      },
    },
  });
}
