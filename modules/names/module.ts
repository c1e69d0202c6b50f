import { defineModule } from '../kit/index.ts';

/** The names graphlet's schema: people by their IMDb `nm` id, and what they are known for. */
export const NAMES_SDL = /* GraphQL */ `
  "A person in film and television, by IMDb name id (nm and 7 or 8 digits)."
  type Person @key(selectionSet: "{ id }") {
    id: ID!
    name: String!
    birthYear: Int
    "The titles the person is best known for, best known first (0 to 20 of them)."
    knownFor(first: Int = 4): [Title!]!
  }

  "A title, known here by its id only: the titles graphlet and others fill in the rest."
  type Title @key(selectionSet: "{ id }") {
    id: ID!
  }

  "One page of people. Pass nextCursor as after for the next page; it is null on the last."
  type PersonConnection {
    items: [Person!]!
    nextCursor: String
  }

  type Query {
    "One person; null when there is none with this id."
    name(id: ID!): Person
    "Everyone, a page at a time (1 to 100 a page), in the order the table keeps them."
    people(first: Int = 20, after: String): PersonConnection!
    "Many people at once, in the order asked, null for unknown ids (the gateway's merge field)."
    _people(ids: [ID!]!): [Person]! @merge(keyField: "id")
  }
`;

/**
 * People and what they are known for. High tier: the name page starts here, and the
 * "Known for" widget cannot show a title this graphlet does not name.
 */
export default defineModule({
  name: 'names',
  owner: 'team-imdb-names',
  tier: 'high',
  description: 'People by nm id, with the titles they are known for, in DynamoDB.',
  graphql: { sdl: NAMES_SDL },
  tables: {
    // One item per person: { id, name, birthYear, knownFor: [tt ids, best known first] }.
    people: { partitionKey: { name: 'id' } },
  },
  function: { timeoutSeconds: 5 },
  smokeChecks: [
    {
      name: 'reads Jackie Chan and what he is known for',
      graphql: {
        query: '{ name(id: "nm0000329") { id name birthYear knownFor(first: 4) { id } } }',
      },
    },
    {
      name: 'lists a page of people',
      graphql: { query: '{ people(first: 5) { items { id name } nextCursor } }' },
    },
  ],
});
