import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import { graphletTypeDefs } from '../../modules/kit/index.ts';

/** The SDLs a publish reads more than once: its own, the stable version's, every other module's. */
const built = createLruCache<string, GraphQLSchema>(64);

/**
 * A subgraph's schema as the gateway sees it: the module's SDL with the stitching
 * directives defined, without resolvers (they live in the module's function). Built once
 * per SDL and kept (the 64 last): one publish builds each of the other modules' SDLs,
 * its own and its stable version's, and a live edit publishes the same ones again, so
 * the checks cost tens of milliseconds less. Nothing changes a built schema: the checks
 * and the composition read it.
 *
 * @example
 * const schema = buildSubgraphSchema(record.sdl);
 */
export function buildSubgraphSchema(sdl: string): GraphQLSchema {
  let schema = built.get(sdl);
  if (!schema) {
    schema = makeExecutableSchema({ typeDefs: graphletTypeDefs(sdl) });
    built.set(sdl, schema);
  }
  return schema;
}
