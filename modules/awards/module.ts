import { defineModule } from '../kit/index.ts';

/** The awards graphlet's schema: awards of titles and people, from the legacy service. */
export const AWARDS_SDL = /* GraphQL */ `
  enum AwardOutcome {
    WON
    NOMINATED
  }

  "An award a title or person won or was nominated for."
  type Award {
    "The event, e.g. Hong Kong Film Awards."
    event: String!
    "The category, e.g. Best Film."
    category: String!
    "The year of the ceremony."
    year: Int!
    outcome: AwardOutcome!
  }

  type Title @key(selectionSet: "{ id }") {
    id: ID!
    "Newest first; null when the awards service cannot be reached."
    awards: [Award!]
  }

  type Person @key(selectionSet: "{ id }") {
    id: ID!
    "Newest first; null when the awards service cannot be reached."
    awards: [Award!]
  }

  type Query {
    "Awards of many titles at once, in the order asked (the gateway's merge field)."
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
    "Awards of many people at once, in the order asked (the gateway's merge field)."
    _people(ids: [ID!]!): [Person]! @merge(keyField: "id")
  }
`;

/**
 * Awards, served by an older HTTP service that this graphlet fronts and reshapes.
 * Low tier: a page without awards is still a page, so this deploys first.
 */
export default defineModule({
  name: 'awards',
  owner: 'team-imdb-awards',
  tier: 'low',
  description:
    'Awards of titles and people, from the legacy awards service (TURNOUT_AWARDS_SERVICE_URL).',
  graphql: { sdl: AWARDS_SDL },
  function: { timeoutSeconds: 5 },
  runtime: {
    environment: {
      // Each stage says where its awards service is: `sst deploy` reads AWARDS_SERVICE_URL
      // from its environment; the local cloud gives its legacy awards service's address.
      TURNOUT_AWARDS_SERVICE_URL: {
        description: 'the base URL of the legacy awards service',
        fromStage: 'AWARDS_SERVICE_URL',
      },
    },
  },
  smokeChecks: [
    {
      name: 'reads the awards of a seeded title and person through the legacy service',
      graphql: {
        query:
          '{ _titles(ids: ["tt0089374"]) { awards { event category year outcome } } _people(ids: ["nm0000329"]) { awards { category } } }',
      },
    },
  ],
});
