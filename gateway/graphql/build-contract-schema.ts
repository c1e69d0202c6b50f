import type { GraphQLSchema } from 'graphql';
import { buildASTSchema } from './graphql-js.ts';
import { parseSdl } from './parse-sdl.ts';

/**
 * A module's schema as its SDL declares it, the contract its answers are checked
 * against (`compileSelectionCheck`): types only, no resolvers, built by graphql-js
 * alone (no graphql-tools, no stitching directives defined: their uses stay on the AST,
 * where `@merge` is read). Built on the first plan or delegation that needs it.
 *
 * @example
 * const schema = buildContractSchema(subgraph.sdl);
 */
export function buildContractSchema(sdl: string): GraphQLSchema {
  return buildASTSchema(parseSdl(sdl), { assumeValidSDL: true });
}
