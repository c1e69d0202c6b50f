import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { graphletTypeDefs } from '../../modules/kit/index.ts';

/**
 * A subgraph's schema as the gateway sees it: the module's SDL with the stitching
 * directives defined, without resolvers (they live in the module's function).
 *
 * @example
 * const schema = buildSubgraphSchema(record.sdl);
 */
export function buildSubgraphSchema(sdl: string): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: graphletTypeDefs(sdl) });
}
