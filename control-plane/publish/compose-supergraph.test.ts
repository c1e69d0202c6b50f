import type { ExecutionRequest, Executor } from '@graphql-tools/utils';
import { graphql, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  createGraphletHandler,
  type GraphletHandler,
  resolveByKeys,
} from '../../modules/kit/index.ts';
import type { SubgraphEntry } from '../registry/index.ts';
import { composeSupergraph } from './compose-supergraph.ts';

const titlesSdl = /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") {
    id: ID!
    name: String!
  }
  type Query {
    topTitles: [Title!]!
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }
`;
const ratingsSdl = /* GraphQL */ `
  type Title @key(selectionSet: "{ id }") {
    id: ID!
    rating: Float
  }
  type Query {
    _titles(ids: [ID!]!): [Title]! @merge(keyField: "id")
  }
`;

const titles = [
  { id: 'tt1', name: 'Metropolis' },
  { id: 'tt2', name: 'Sunrise' },
];
const ratings = [
  { id: 'tt1', rating: 8.3 },
  { id: 'tt2', rating: 8.1 },
];

function entry(module: string, sdl: string): SubgraphEntry {
  return {
    module,
    sdl,
    functionName: `turnout-${module}`,
    alias: 'live',
    tier: 'medium',
    timeoutMs: 1000,
  };
}

/** Graphlets called in process the way the gateway invokes them, counting invokes. */
function inProcessGraphlets() {
  const handlers: Record<string, GraphletHandler> = {
    titles: createGraphletHandler({
      sdl: titlesSdl,
      resolvers: {
        Query: {
          topTitles: () => titles,
          _titles: resolveByKeys((ids) => titles.filter((t) => ids.includes(t.id))),
        },
      },
    }),
    ratings: createGraphletHandler({
      sdl: ratingsSdl,
      resolvers: {
        Query: { _titles: resolveByKeys((ids) => ratings.filter((r) => ids.includes(r.id))) },
      },
    }),
  };
  const invokes: Record<string, number> = { titles: 0, ratings: 0 };
  const executorFor = (subgraph: SubgraphEntry): Executor =>
    (async (request: ExecutionRequest) => {
      invokes[subgraph.module] = (invokes[subgraph.module] ?? 0) + 1;
      const handler = handlers[subgraph.module];
      if (!handler) throw new Error(`no graphlet ${subgraph.module}`);
      const result = await handler({
        query: print(request.document),
        variables: request.variables ?? null,
        operationName: request.operationName ?? null,
        context: {},
      });
      // Over the wire errors arrive formatted; stitching reads them as plain objects.
      return result;
    }) as Executor;
  return { executorFor, invokes };
}

describe('composeSupergraph', () => {
  it('merges a type two modules share by key', async () => {
    const schema = composeSupergraph([entry('titles', titlesSdl), entry('ratings', ratingsSdl)]);
    const fields = Object.keys((schema.getType('Title') as { getFields(): object }).getFields());
    expect(fields.sort()).toEqual(['id', 'name', 'rating']);
  });

  it('resolves a query across modules with one invoke per module per merge level', async () => {
    const { executorFor, invokes } = inProcessGraphlets();
    const schema = composeSupergraph([entry('titles', titlesSdl), entry('ratings', ratingsSdl)], {
      executorFor,
    });
    const result = await graphql({ schema, source: '{ topTitles { name rating } }' });
    expect(result).toEqual({
      data: {
        topTitles: [
          { name: 'Metropolis', rating: 8.3 },
          { name: 'Sunrise', rating: 8.1 },
        ],
      },
    });
    expect(invokes).toEqual({ titles: 1, ratings: 1 });
  });

  it('composes without executors, and says so if asked to execute', async () => {
    const schema = composeSupergraph([entry('titles', titlesSdl)]);
    const result = await graphql({ schema, source: '{ topTitles { name } }' });
    expect(result.errors?.[0]?.message).toContain('executorFor');
  });

  it('composes the same subgraphs once at publish time, whatever their order, and each set with executors afresh', () => {
    const titles = entry('titles', titlesSdl);
    const ratings = entry('ratings', ratingsSdl);
    const checked = composeSupergraph([titles, ratings]);
    expect(composeSupergraph([ratings, titles])).toBe(checked);
    // Another SDL is another composition.
    const changed = entry(
      'ratings',
      ratingsSdl.replace('type Query {', 'type Query {\n  ping: Int'),
    );
    expect(composeSupergraph([titles, changed])).not.toBe(checked);
    // A composition that executes is the caller's own: its executors differ.
    const { executorFor } = inProcessGraphlets();
    expect(composeSupergraph([titles, ratings], { executorFor })).not.toBe(checked);
  });
});
