import { makeExecutableSchema } from '@graphql-tools/schema';
import { type IResolvers, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  type GraphQLFormattedError,
  type GraphQLSchema,
  isNonNullType,
} from 'graphql';
import { createDocumentPreparer, type Preparation } from '../../lib/create-document-preparer.ts';
import { createRequestMetrics } from './create-request-metrics.ts';
import { formatGraphletError, graphletRequestError } from './format-graphlet-error.ts';
import { graphletTypeDefs } from './graphlet-type-defs.ts';
import { outcomeOfGraphletErrors } from './request-outcome.ts';

/** What the gateway sends a graphlet (docs/ARCHITECTURE.md, contract 1). */
export interface GraphletEvent {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  /** What the gateway passes on from the client's request (e.g. the caller's identity). */
  context?: Record<string, unknown> | null;
}

/** What a graphlet answers (docs/ARCHITECTURE.md, contract 1). */
export interface GraphletResult {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
}

export interface GraphletHandlerOptions<TContext> {
  /** The module's SDL, stitching directives (`@key`, `@merge`) included. */
  sdl: string;
  resolvers: IResolvers<unknown, TContext> | IResolvers<unknown, TContext>[];
  /**
   * Builds each request's resolver context from the gateway's `context`.
   * @default the gateway's context as is
   */
  context?: (gatewayContext: Record<string, unknown>) => TContext | Promise<TContext>;
  /**
   * Parsed and validated queries kept, keyed by query text: the gateway sends the
   * same few queries over and over.
   * @default 1000
   */
  documentCacheSize?: number;
}

export type GraphletHandler = (event: GraphletEvent) => Promise<GraphletResult>;

/**
 * Builds a graphlet's Lambda handler. The schema also answers `_sdl: String!` with the
 * module's SDL, so tools can read what a running version serves.
 *
 * Each answer is counted per function version (requests, errors that are the module's,
 * errors that are the client's, latency: contract 6, `createRequestMetrics`): a resolver
 * that throws becomes an error in the answer, which Lambda does not count as one.
 *
 * An error in one root field of a query nulls that field only, even where the SDL makes
 * it non-null: the gateway sends one query for the root fields of many clients' fields,
 * and one bad cursor must not take the others' answers with it (the gateway accepts a
 * null root field in an answer that carries errors). Mutations keep GraphQL's rules.
 *
 * Merged types are fetched in batches: give each type you share by key a root field
 * that takes all keys at once, and mark it with `@merge`; `resolveByKeys` orders the
 * answers for it.
 *
 * @example
 * export const handler = createGraphletHandler({
 *   sdl: `type Title @key(selectionSet: "{ id }") { id: ID! rating: Float }
 *         type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`,
 *   resolvers: { Query: { _titles: resolveByKeys((ids) => loadRatings(ids)) } },
 * });
 */
export function createGraphletHandler<TContext = Record<string, unknown>>(
  options: GraphletHandlerOptions<TContext>,
): GraphletHandler {
  const schema = buildGraphletSchema(options);
  const prepare = createDocumentPreparer({
    schema,
    prepared: (document) => document,
    cacheSize: options.documentCacheSize,
  });
  const buildContext =
    options.context ?? ((gateway: Record<string, unknown>) => gateway as TContext);
  const answer = answerWith(schema, prepare, buildContext);
  const metrics = createRequestMetrics();
  return (event) => {
    const started = performance.now();
    return answer(event).then((result) => {
      metrics.record(outcomeOfGraphletErrors(result.errors), performance.now() - started);
      return result;
    });
  };
}

function answerWith<TContext>(
  schema: GraphQLSchema,
  prepare: (query: string) => Preparation<DocumentNode>,
  buildContext: (gateway: Record<string, unknown>) => TContext | Promise<TContext>,
): GraphletHandler {
  return async (event) => {
    if (typeof event?.query !== 'string' || event.query === '') {
      return {
        errors: [
          graphletRequestError(
            'The invoke payload has no "query": send { query, variables, operationName, context }.',
            'BAD_REQUEST',
          ),
        ],
      };
    }
    const preparation = prepare(event.query);
    if (!preparation.ok) {
      const code =
        preparation.stage === 'parse' ? 'GRAPHQL_PARSE_FAILED' : 'GRAPHQL_VALIDATION_FAILED';
      return {
        errors: preparation.errors.map((error) => withCode(formatGraphletError(error), code)),
      };
    }
    try {
      const contextValue = await buildContext(event.context ?? {});
      const result = await execute({
        schema,
        document: preparation.prepared,
        variableValues: event.variables ?? undefined,
        operationName: event.operationName ?? undefined,
        contextValue,
      });
      return toGraphletResult(result);
    } catch (error) {
      return { errors: [formatGraphletError(error)] };
    }
  };
}

function buildGraphletSchema<TContext>(options: GraphletHandlerOptions<TContext>): GraphQLSchema {
  const sdlResolver = { Query: { _sdl: () => options.sdl } };
  const resolvers = [...[options.resolvers].flat(), sdlResolver];
  const schema = makeExecutableSchema({
    typeDefs: [graphletTypeDefs(options.sdl), 'type Query { _sdl: String! }'],
    resolvers: resolvers as IResolvers[],
  });
  return mapSchema(schema, {
    [MapperKind.QUERY_ROOT_FIELD]: (config) =>
      isNonNullType(config.type) ? { ...config, type: config.type.ofType } : config,
  });
}

function withCode(error: GraphQLFormattedError, code: string): GraphQLFormattedError {
  return { ...error, extensions: { ...error.extensions, code } };
}

function toGraphletResult(result: ExecutionResult): GraphletResult {
  const answer: GraphletResult = { data: result.data ?? null };
  if (result.errors?.length) answer.errors = result.errors.map(formatGraphletError);
  return answer;
}
