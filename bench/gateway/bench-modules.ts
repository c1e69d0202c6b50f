import { printSchema } from 'graphql';
import {
  REGISTRY_FORMAT,
  type SubgraphEntry,
  type SupergraphGeneration,
} from '../../contracts/registry.ts';
import { composeSupergraph } from '../../control-plane/publish/index.ts';

/** The IMDb-like graphlets the gateway benchmark runs against (names, titles, ratings). */
export const BENCH_MODULES: Record<string, { sdl: string; roots: Record<string, unknown> }> = {
  names: {
    sdl: `type Name @key(selectionSet: "{ id }") { id: ID! name: String! knownFor: [Title!]! }
type Title @key(selectionSet: "{ id }") { id: ID! }
type Query { name(id: ID!): Name }`,
    roots: {
      name: ({ id }: { id: string }) => ({
        id,
        name: `Name ${id}`,
        // Titles of their own, so that concurrent requests for different names merge
        // different keys (identical invokes in flight at once would share one call).
        knownFor: [1, 2, 3, 4].map((k) => ({ id: `${id}-t${k}` })),
      }),
    },
  },
  titles: {
    sdl: `type Title @key(selectionSet: "{ id }") { id: ID! title: String year: Int }
type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`,
    roots: {
      _titles: ({ ids }: { ids: string[] }) =>
        ids.map((id) => ({ id, title: `Title ${id}`, year: 1999 })),
    },
  },
  ratings: {
    sdl: `type Title @key(selectionSet: "{ id }") { id: ID! rating: Float votes: Int }
type Query { _ratings(ids: [ID!]!): [Title]! @merge(keyField: "id") }`,
    roots: {
      _ratings: ({ ids }: { ids: string[] }) => ids.map((id) => ({ id, rating: 8.2, votes: 1000 })),
    },
  },
};

/** Two merge levels: names, then titles and ratings side by side. */
export const KNOWN_FOR_QUERY = `query KnownFor($id: ID!) {
  name(id: $id) { name knownFor { id title year rating votes } }
}`;

/** A generation holding the bench modules, as publish would write it. */
export function benchModulesGeneration(): SupergraphGeneration {
  const subgraphs = Object.entries(BENCH_MODULES).map(([module, { sdl }]) => ({
    module,
    functionName: `turnout-${module}`,
    alias: 'live',
    tier: 'medium' as const,
    sdl,
    timeoutMs: 5000,
  }));
  return benchGeneration(subgraphs);
}

/**
 * A generation of these subgraphs as publish would write it (number 1), with the
 * supergraph SDL it prints, so that the gateway stitches only what its planner leaves.
 */
export function benchGeneration(subgraphs: SubgraphEntry[]): SupergraphGeneration {
  return {
    pk: 'supergraph',
    sk: 'generation#000000000001',
    format: REGISTRY_FORMAT,
    generation: 1,
    createdAt: '',
    publishedBy: 'bench',
    subgraphs,
    routes: [],
    supergraphSdl: printSchema(composeSupergraph(subgraphs)),
  };
}
