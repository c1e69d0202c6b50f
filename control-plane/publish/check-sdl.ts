import { type DocumentNode, GraphQLError, type GraphQLSchema, validateSchema } from 'graphql';
import { validateSDL } from 'graphql/validation/validate.js';
import { graphletTypeDefs } from '../../modules/kit/index.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import type { PublishProblem } from './errors.ts';

/** Where the SDL text starts in the module's files (`locateSdl`), to point errors there. */
export interface SdlSourceLocation {
  file: string;
  line: number;
  column: number;
}

/** Root fields the module kit adds to every graphlet. */
export const RESERVED_ROOT_FIELDS: ReadonlySet<string> = new Set(['_sdl']);

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
export function checkSdl(sdl: string, source?: SdlSourceLocation): SdlCheck {
  const problemOf = (error: unknown) => sdlProblem(error, source);
  let document: DocumentNode;
  try {
    document = graphletTypeDefs(sdl);
  } catch (error) {
    return { problems: [problemOf(error)] };
  }
  const sdlErrors = validateSDL(document);
  if (sdlErrors.length > 0) return { problems: sdlErrors.map(problemOf) };
  let schema: GraphQLSchema;
  try {
    schema = buildSubgraphSchema(sdl);
  } catch (error) {
    return { problems: [problemOf(error)] };
  }
  const problems = [...validateSchema(schema).map(problemOf), ...reservedFieldProblems(schema)];
  return problems.length > 0 ? { problems } : { schema, problems };
}

/**
 * The problem, placed in the module's file when the SDL's source is known: graphql-js
 * counts lines and columns from the start of the SDL string, which a team cannot find in
 * `module.ts`; its first line starts at the source's column, the others at column 1.
 */
function sdlProblem(error: unknown, source: SdlSourceLocation | undefined): PublishProblem {
  // graphql-js repeats the location in its message ("Syntax Error: ... (5:16)" is not, but
  // a printed location block is): the problem's own location replaces it.
  const message = (error instanceof GraphQLError ? error.message : String(error)).split('\n')[0];
  const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
  if (!location) {
    return {
      code: 'INVALID_SDL',
      message: `The module's SDL is invalid: ${message}`,
      fix: 'Correct `graphql.sdl` in the module manifest.',
    };
  }
  if (!source) {
    return {
      code: 'INVALID_SDL',
      message: `The module's SDL is invalid: ${message}`,
      fix: 'Correct `graphql.sdl` in the module manifest at that line of the SDL.',
      line: location.line,
      column: location.column,
    };
  }
  const line = source.line + location.line - 1;
  const column = location.line === 1 ? source.column + location.column - 1 : location.column;
  return {
    code: 'INVALID_SDL',
    message: `The module's SDL is invalid: ${message}`,
    fix: `Correct the SDL at ${source.file}:${line}:${column}.`,
    file: source.file,
    line,
    column,
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
