import { defineModule } from '../kit/index.ts';

/** The titles graphlet's schema: what a title is, by its IMDb `tt` id. */
export const TITLES_SDL = /* GraphQL */ `
  "What kind of title it is."
  enum TitleType {
    MOVIE
    SERIES
    MINI_SERIES
    TV_MOVIE
    SHORT
    DOCUMENTARY
  }

  "A movie, series or other show, by its IMDb id (tt and 7 or 8 digits)."
  type Title @key(selectionSet: "{ id }") {
    id: ID!
    "The title as released, e.g. Police Story."
    title: String!
    "The year of release (of the first episode, for a series)."
    year: Int
    type: TitleType!
    genres: [String!]!
  }

  type Query {
    "One title; null when there is none with this id."
    title(id: ID!): Title
    "Many titles at once, in the order asked, null for unknown ids (the gateway's merge field)."
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }
`;

/**
 * Title metadata. High tier: every page that shows a title shows its name and year,
 * so this deploys after ratings, images and awards.
 */
export default defineModule({
  name: 'titles',
  owner: 'team-imdb-titles',
  tier: 'high',
  description: 'Title metadata (name, year, type, genres) by tt id, in DynamoDB.',
  graphql: { sdl: TITLES_SDL },
  tables: {
    titles: { partitionKey: { name: 'id' } },
  },
  function: { timeoutSeconds: 5 },
  smokeChecks: [
    {
      name: 'reads a seeded title',
      graphql: { query: '{ title(id: "tt0089374") { id title year type genres } }' },
    },
    {
      name: 'reads titles in a batch, as the gateway merges them',
      graphql: { query: '{ _titles(ids: ["tt0120812", "tt0113326"]) { id title year } }' },
      // One entry per id, in the order asked, each with its fields.
      expect: {
        data: { _titles: [{ id: 'tt0120812', title: 'Rush Hour' }, { id: 'tt0113326' }] },
        shape: { _titles: [{ id: 'string', title: 'string', year: 'number' }] },
      },
    },
  ],
});
