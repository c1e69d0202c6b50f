import { defineModule, IDEMPOTENCY_TABLE } from '../kit/index.ts';

/** The ratings graphlet's schema: a title's aggregate rating, and voting. */
export const RATINGS_SDL = /* GraphQL */ `
  "What voters think of a title: the average of their stars (1 to 10) and how many voted."
  type Rating {
    "The average, rounded to one decimal, e.g. 7.5."
    stars: Float!
    votes: Int!
  }

  type Title @key(selectionSet: "{ id }") {
    id: ID!
    "Null until someone has voted."
    rating: Rating
  }

  "A vote as accepted: it is counted in the title's rating within seconds."
  type Vote {
    id: ID!
    titleId: ID!
    voterId: ID!
    stars: Int!
    "When the vote was cast (ISO 8601); a voter's latest vote on a title is the one that counts."
    castAt: String!
  }

  type Query {
    "Ratings of many titles at once, in the order asked (the gateway's merge field)."
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }

  type Mutation {
    "Rates a title 1 to 10 stars as the signed-in voter (their token's subject, ur and 7 to 9 digits); a new vote replaces the voter's last. Send an Idempotency-Key to retry a vote safely."
    rateTitle(
      titleId: ID!
      stars: Int!
      "Refused unless it is the caller's own subject."
      voterId: ID @deprecated(reason: "The voter is the signed-in caller: leave voterId out.")
    ): Vote! @requiresScopes(scopes: [["ratings:write"]])
  }
`;

/**
 * Ratings and votes. Medium tier: a page without stars is poorer, not broken, so it
 * deploys after images and awards and before titles and names.
 */
export default defineModule({
  name: 'ratings',
  owner: 'team-imdb-ratings',
  tier: 'medium',
  description:
    'Aggregate star ratings per title; votes go through a queue and are counted once each.',
  graphql: { sdl: RATINGS_SDL },
  tables: {
    // One aggregate per title: { titleId, votes, starsTotal }, changed only by ADD.
    ratings: { partitionKey: { name: 'titleId' } },
    // One ballot per voter per title: the vote that counts now, and its id.
    ballots: { partitionKey: { name: 'titleId' }, sortKey: { name: 'voterId' } },
    // A vote retried with the same Idempotency-Key is queued once.
    idempotency: IDEMPOTENCY_TABLE,
  },
  queues: {
    votes: {
      // Lambda wants the visibility timeout to cover the function's timeout.
      visibilityTimeoutSeconds: 5,
      maxReceiveCount: 3,
      consumer: { batchSize: 10 },
    },
  },
  function: { timeoutSeconds: 5 },
  smokeChecks: [
    {
      name: 'reads the rating of a seeded title',
      graphql: { query: '{ _titles(ids: ["tt0089374"]) { id rating { stars votes } } }' },
    },
  ],
});
