import { stitchingDirectives } from '@graphql-tools/stitching-directives';
import { type DefinitionNode, type DocumentNode, Kind, parse } from 'graphql';
import {
  ACCESS_DIRECTIVE_NAMES,
  ACCESS_DIRECTIVES_SDL,
} from '../../contracts/access-directives.ts';

const { allStitchingDirectivesTypeDefs } = stitchingDirectives();

/** The stitching directives a graphlet may use: `@key`, `@merge`, `@computed`, `@canonical`. */
export const STITCHING_DIRECTIVES_SDL: string = allStitchingDirectivesTypeDefs;

const KIT_DIRECTIVE_NAMES = new Set([
  'key',
  'merge',
  'computed',
  'canonical',
  ...ACCESS_DIRECTIVE_NAMES,
]);

/**
 * A graphlet's SDL made buildable: its own copies of the stitching and access directive
 * definitions (if any) are dropped and the kit's are added, so a module may declare
 * them or not, and every part builds the same schema from the same text.
 * Throws graphql's `GraphQLError` (with a location) when the SDL does not parse.
 *
 * @example
 * makeExecutableSchema({ typeDefs: graphletTypeDefs(manifest.graphql.sdl), resolvers });
 */
export function graphletTypeDefs(sdl: string): DocumentNode {
  const own = parse(sdl);
  const directives = parse(`${STITCHING_DIRECTIVES_SDL}\n${ACCESS_DIRECTIVES_SDL}`);
  const definitions: DefinitionNode[] = own.definitions.filter(
    (d) => !(d.kind === Kind.DIRECTIVE_DEFINITION && KIT_DIRECTIVE_NAMES.has(d.name.value)),
  );
  return { kind: Kind.DOCUMENT, definitions: [...directives.definitions, ...definitions] };
}
