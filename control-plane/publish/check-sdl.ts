import { type DocumentNode, GraphQLError, type GraphQLSchema, validateSchema } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import { graphletTypeDefs } from '../../modules/kit/index.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import type { PublishProblem } from './errors.ts';

/** Root fields the module kit adds to every graphlet. */
const RESERVED_ROOT_FIELDS = new Set(['_sdl']);

/** The built schema when the SDL is valid, else the problems (never both). */
export interface SdlCheck {
  schema?: GraphQLSchema;
  problems: PublishProblem[];
}

/**
 * Checks that a graphlet's SDL parses and builds a valid schema, reporting every
 * problem with its line and column, and that it leaves the kit's reserved fields alone.
 *
 * @example
 * const check = checkSdl(manifest.graphql.sdl);
 * if (check.problems.length > 0) throw new PublishRejectedError(name, check.problems);
 */
export function checkSdl(sdl: string): SdlCheck {
  let document: DocumentNode;
  try {
    document = graphletTypeDefs(sdl);
  } catch (error) {
    return { problems: [sdlProblem(error)] };
  }
  const sdlErrors = validateSDL(document);
  if (sdlErrors.length > 0) return { problems: sdlErrors.map(sdlProblem) };
  let schema: GraphQLSchema;
  try {
    schema = buildSubgraphSchema(sdl);
  } catch (error) {
    return { problems: [sdlProblem(error)] };
  }
  const problems = [...validateSchema(schema).map(sdlProblem), ...reservedFieldProblems(schema)];
  return problems.length > 0 ? { problems } : { schema, problems };
}

function sdlProblem(error: unknown): PublishProblem {
  const message = error instanceof Error ? error.message : String(error);
  const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
  return {
    code: 'INVALID_SDL',
    message: `The module's SDL is invalid: ${message}`,
    fix: 'Correct `graphql.sdl` in the module manifest at that line.',
    ...(location ? { line: location.line, column: location.column } : {}),
  };
}

function reservedFieldProblems(schema: GraphQLSchema): PublishProblem[] {
  const fields = Object.keys(schema.getQueryType()?.getFields() ?? {});
  return fields
    .filter((name) => RESERVED_ROOT_FIELDS.has(name))
    .map((name) => ({
      code: 'RESERVED_FIELD' as const,
      coordinate: `Query.${name}`,
      message: `Query.${name} is reserved: the module kit adds it to every graphlet.`,
      fix: `Remove Query.${name} from the SDL; createGraphletHandler serves it for you.`,
    }));
}
