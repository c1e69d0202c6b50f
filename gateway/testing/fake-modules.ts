/**
 * In-process stand-ins for module functions, for the gateway's unit tests: each answers
 * the invoke contract from a real graphql schema, with no network and no Lambda.
 */
import { graphql } from 'graphql';
import {
  REGISTRY_FORMAT,
  type RouteEntry,
  type SubgraphEntry,
  type SupergraphGeneration,
} from '../../contracts/registry.ts';
import { buildSubgraphSchema } from '../graphql/build-supergraph-schema.ts';
import type { InvokeRequest, InvokeResult, Invoker } from '../invoke/types.ts';

export const NAMES_SDL = `
type Name @key(selectionSet: "{ id }") { id: ID! name: String! knownFor: [Title!]! }
type Title @key(selectionSet: "{ id }") { id: ID! }
type Query { name(id: ID!): Name _names(ids: [ID!]!): [Name]! @merge(keyField: "id") }
type Mutation { rename(id: ID!, name: String!): Name }`;

export const TITLES_SDL = `
type Title @key(selectionSet: "{ id }") { id: ID! title: String }
type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`;

export const RATINGS_SDL = `
type Title @key(selectionSet: "{ id }") { id: ID! rating: Float }
type Query { _ratings(ids: [ID!]!): [Title]! @merge(keyField: "id") }`;

export const ROOTS: Record<string, Record<string, unknown>> = {
  names: {
    name: ({ id }: { id: string }) => ({
      id,
      name: `Name ${id}`,
      knownFor: [{ id: 't1' }, { id: 't2' }, { id: 't3' }],
    }),
    _names: ({ ids }: { ids: string[] }) =>
      ids.map((id) => ({ id, name: `Name ${id}`, knownFor: [] })),
    rename: ({ id, name }: { id: string; name: string }) => ({ id, name, knownFor: [] }),
  },
  titles: {
    _titles: ({ ids }: { ids: string[] }) => ids.map((id) => ({ id, title: `Title ${id}` })),
  },
  ratings: { _ratings: ({ ids }: { ids: string[] }) => ids.map((id) => ({ id, rating: 8.1 })) },
};

export function subgraph(module: string, sdl: string, timeoutMs = 1000): SubgraphEntry {
  return {
    module,
    functionName: `turnout-${module}`,
    alias: 'live',
    tier: 'medium',
    sdl,
    timeoutMs,
  };
}

export function route(prefix: string, module: string, timeoutMs = 1000): RouteEntry {
  return { prefix, module, functionName: `turnout-${module}`, alias: 'live', timeoutMs };
}

export function generationOf(
  generation: number,
  subgraphs: SubgraphEntry[],
  routes: RouteEntry[] = [],
): SupergraphGeneration {
  return {
    pk: 'supergraph',
    sk: `generation#${String(generation).padStart(12, '0')}`,
    format: REGISTRY_FORMAT,
    generation,
    createdAt: new Date(0).toISOString(),
    publishedBy: 'test',
    subgraphs,
    routes,
    supergraphSdl: '',
  };
}

export type FakeHandler = (payload: unknown) => unknown | Promise<unknown>;

/** An invoker that runs handlers in process and keeps every request it got. */
export function createFakeInvoker(
  handlers: Record<string, FakeHandler>,
): Invoker & { calls: InvokeRequest[] } {
  const calls: InvokeRequest[] = [];
  const invoke = async (request: InvokeRequest): Promise<InvokeResult> => {
    calls.push(request);
    const handler = handlers[request.functionName];
    if (!handler) throw new Error(`no fake for ${request.functionName}`);
    try {
      const result = await handler(JSON.parse(request.payload));
      const payload =
        typeof result === 'string' && result.startsWith('RAW:')
          ? result.slice(4)
          : JSON.stringify(result);
      return { statusCode: 200, executedVersion: '1', functionError: undefined, payload };
    } catch (error) {
      const payload = JSON.stringify({
        errorType: 'Error',
        errorMessage: (error as Error).message,
      });
      return { statusCode: 200, executedVersion: '1', functionError: 'Unhandled', payload };
    }
  };
  return Object.assign(invoke, { calls });
}

/** A graphlet handler answering the invoke contract from `sdl` and root resolvers. */
export function graphletHandler(module: string, sdl: string, roots = ROOTS[module]): FakeHandler {
  const schema = buildSubgraphSchema({ module, sdl });
  return (payload) => {
    const { query, variables, operationName } = payload as {
      query: string;
      variables?: Record<string, unknown>;
      operationName?: string;
    };
    return graphql({
      schema,
      source: query,
      variableValues: variables,
      operationName,
      rootValue: roots,
    });
  };
}
