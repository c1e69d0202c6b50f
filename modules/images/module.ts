import { defineModule } from '../kit/index.ts';

/** The images graphlet's schema: the primary image of titles and people. */
export const IMAGES_SDL = /* GraphQL */ `
  "A picture: a title's poster or a person's headshot."
  type Image {
    url: String!
    width: Int!
    height: Int!
    caption: String
  }

  type Title @key(selectionSet: "{ id }") {
    id: ID!
    "The poster; null when there is none."
    primaryImage: Image
  }

  type Person @key(selectionSet: "{ id }") {
    id: ID!
    "The headshot; null when there is none."
    primaryImage: Image
  }

  type Query {
    "Images of many titles at once, in the order asked (the gateway's merge field)."
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
    "Images of many people at once, in the order asked (the gateway's merge field)."
    _people(ids: [ID!]!): [Person]! @merge(keyField: "id")
  }
`;

/**
 * Posters and headshots. Low tier: a missing picture leaves a grey box, so this
 * deploys first and catches a bad change before anything that matters more.
 */
export default defineModule({
  name: 'images',
  owner: 'team-imdb-images',
  tier: 'low',
  description: 'The primary image (poster or headshot) of titles and people.',
  graphql: { sdl: IMAGES_SDL },
  tables: {
    // One item per title or person, keyed by its tt or nm id.
    images: { partitionKey: { name: 'id' } },
  },
  function: { timeoutSeconds: 5 },
  smokeChecks: [
    {
      name: 'reads a seeded poster and headshot',
      graphql: {
        query:
          '{ _titles(ids: ["tt0089374"]) { id primaryImage { url width height } } _people(ids: ["nm0000329"]) { primaryImage { url caption } } }',
      },
      // The entry of the id asked, with its picture: a version that answered [] or
      // nulls would pass on "no errors" alone and give clients no pictures.
      expect: {
        data: {
          _titles: [{ id: 'tt0089374' }],
          _people: [{ primaryImage: { caption: 'Jackie Chan' } }],
        },
        shape: {
          _titles: [{ primaryImage: { url: 'string', width: 'number', height: 'number' } }],
        },
      },
    },
  ],
});
