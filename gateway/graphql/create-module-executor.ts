import type { ExecutionRequest, ExecutionResult, Executor } from '@graphql-tools/utils';
import type { DocumentNode } from 'graphql';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import type { CellChoice, CellRouter } from '../cells/compile-cell-router.ts';
import {
  compileGraphqlCellRoute,
  type GraphqlCellRoute,
} from '../cells/compile-graphql-cell-route.ts';
import { GatewayError, ModuleError, ModuleTimeoutError } from '../errors.ts';
import { isLambdaTimeout } from '../health/record-invoke-health.ts';
import { readGraphletAnswer } from '../invoke/read-graphlet-answer.ts';
import type { AnswerCheck, GraphletAnswer, Invoker } from '../invoke/types.ts';
import { memoizeBounded } from '../memoize-bounded.ts';
import type { Logger } from '../types.ts';
import { createDocumentChecks } from './create-document-checks.ts';
import { GraphQLError, getOperationAST, Kind, print } from './graphql-js.ts';
import type { RequestContext } from './request-context.ts';

export interface ModuleExecutorOptions {
  invoke: Invoker;
  logger: Logger;
  /** Put the module's own error message into the client's error (development). */
  exposeModuleErrors: boolean;
  /** While a deployment splits the module's alias: the version a failed read may retry on. */
  stableVersion?: string;
  /** For a cellular module: which cell's function serves an invoke (docs/ARCHITECTURE.md, "Cells"). */
  cells?: CellRouter;
}

/**
 * A subschema executor that invokes the module's `live` alias with the graphlet contract
 * (docs/ARCHITECTURE.md, contract 1): `{ query, variables, operationName, context }` -> `{ data, errors }`.
 * It never throws: a failed, slow or garbled module becomes errors tagged with
 * `extensions: { code, module }`, so only that module's fields go missing. Each answer
 * is checked against the delegated document (`createDocumentChecks`).
 *
 * @example
 * const executor = createModuleExecutor(subgraph, { invoke, logger, exposeModuleErrors: false });
 */
export function createModuleExecutor(
  subgraph: SubgraphEntry,
  options: ModuleExecutorOptions,
): Executor {
  const call = createGraphletCall(subgraph, options);
  const checkOf = createDocumentChecks(subgraph.sdl);
  const cellRouteOf = options.cells && cellRoutesByDocument(options.cells);
  const printed = new WeakMap<DocumentNode, string>();
  const printCached = (document: DocumentNode) => {
    let query = printed.get(document);
    if (query === undefined) {
      query = print(document);
      printed.set(document, query);
    }
    return query;
  };
  return (request: ExecutionRequest): Promise<ExecutionResult> => {
    const query = printCached(request.document);
    const check = checkOf(query, request.document, request.operationName);
    return call({
      query,
      variables: request.variables,
      operationName: request.operationName,
      context: request.context as RequestContext | undefined,
      operationType: request.operationType,
      answerCheck: check,
      cell: cellRouteOf?.(request.document)(request.variables),
    });
  };
}

/** The cell route of each delegated document, compiled on its first use. */
function cellRoutesByDocument(router: CellRouter): (document: DocumentNode) => GraphqlCellRoute {
  const routes = new WeakMap<DocumentNode, GraphqlCellRoute>();
  return (document) => {
    let route = routes.get(document);
    if (route === undefined) {
      const operation = getOperationAST(document);
      const fields = operation?.selectionSet.selections.filter((s) => s.kind === Kind.FIELD) ?? [];
      route = compileGraphqlCellRoute(
        router,
        operation?.operation === 'mutation' ? 'Mutation' : 'Query',
        fields,
      );
      routes.set(document, route);
    }
    return route;
  };
}

/** One graphlet request, its query already printed. */
export interface GraphletCall {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  context: RequestContext | undefined;
  operationType: string | undefined;
  /** Judges the answer's data against this query (see InvokeRequest.answerCheck). */
  answerCheck?: AnswerCheck;
  /**
   * For a cellular module: the cell its root fields' key maps to. Absent (a merge step,
   * which carries entity keys, not the partition key): the default cell, else refused.
   */
  cell?: CellChoice;
}

/**
 * Invokes the module with the graphlet contract and reads its answer; never rejects (see
 * `createModuleExecutor`). The gateway's own planner calls it with query text it printed
 * once per plan.
 *
 * @example
 * const call = createGraphletCall(subgraph, options);
 * const result = await call({ query: '{ _titles(ids: ["t1"]) { title } }', ... });
 */
export function createGraphletCall(
  subgraph: SubgraphEntry,
  options: ModuleExecutorOptions,
): (request: GraphletCall) => Promise<ExecutionResult> {
  const quoted = memoizeBounded(1000, (text) => JSON.stringify(text));
  const { cells } = options;
  const unkeyed = cells?.routeKey(
    undefined,
    `Module "${subgraph.module}" is cut into cells: the fields it adds to other modules' types carry no cell key, and it declares no default cell.`,
  );
  return async (request) => {
    const choice = cells ? (request.cell ?? unkeyed) : undefined;
    if (choice?.refusal !== undefined) return cellKeyMissing(subgraph.module, choice.refusal);
    const inCell = choice?.target;
    const context = request.context;
    // What JSON.stringify({ query, variables, operationName }) gives, with the query (the
    // same few texts again and again) escaped once. The payload is that shared part plus
    // this request's context: the shared part is what concurrent identical queries dedupe on.
    const operationName = request.operationName;
    const shared = `{"query":${quoted(request.query)},"variables":${JSON.stringify(request.variables ?? {})},"operationName":${operationName == null ? 'null' : JSON.stringify(operationName)}}`;
    const payload = `${shared.slice(0, -1)},"context":${contextJsonOf(context)}}`;
    // A module may answer each caller differently: only the same caller's invokes share one.
    const caller = context?.caller;
    const sharedKey = caller === undefined ? shared : `${shared}\u0000${caller.dedupeKey}`;
    try {
      const result = await options.invoke({
        module: subgraph.module,
        functionName: inCell ? inCell.functionName : subgraph.functionName,
        cell: inCell?.cell,
        qualifier: context?.versionPins?.get(subgraph.module) ?? subgraph.alias,
        payload,
        timeoutMs: subgraph.timeoutMs,
        kind: 'graphql',
        // A query may run twice (on the stable version after a canary failed); a mutation may not.
        idempotent: request.operationType === 'query',
        stableVersion: inCell ? inCell.stableVersion : options.stableVersion,
        sharedKey,
        answerCheck: request.answerCheck,
        variables: request.variables,
      });
      if (result.functionError) throw functionError(subgraph.module, result.payload, options);
      const answer = readGraphletAnswer(request, result);
      const read = readGraphletResult(subgraph.module, answer, options);
      // Outside development the client sees these masked: their text is kept here.
      if (answer.serverError)
        logModuleErrors(options.logger, subgraph.module, context?.requestId, read);
      return read;
    } catch (error) {
      const gatewayError = asGatewayError(subgraph.module, error);
      options.logger.warn('module invoke failed', {
        requestId: context?.requestId,
        module: subgraph.module,
        code: gatewayError.code,
        error: gatewayError,
      });
      return { errors: [toGraphQLError(gatewayError)] };
    }
  };
}

/** The client's error for fields of a cellular module whose key is not there: nothing is invoked. */
function cellKeyMissing(module: string, message: string): ExecutionResult {
  return {
    errors: [new GraphQLError(message, { extensions: { code: 'CELL_KEY_MISSING', module } })],
  };
}

/**
 * The invoke's `context` (contract 1): the request id, the verified caller's identity
 * (serialized once per token by the verifier) and a mutation's idempotency key.
 */
function contextJsonOf(context: RequestContext | undefined): string {
  if (context === undefined) return '{}';
  let json = `{"requestId":${JSON.stringify(context.requestId)}`;
  if (context.caller) json += `,"identity":${context.caller.identityJson}`;
  if (context.idempotencyKey !== undefined)
    json += `,"idempotencyKey":${JSON.stringify(context.idempotencyKey)}`;
  return `${json}}`;
}

function functionError(
  module: string,
  payload: string,
  options: ModuleExecutorOptions,
): GatewayError {
  if (isLambdaTimeout(payload)) return new ModuleTimeoutError(module, undefined);
  const reason = readErrorMessage(payload);
  const detail = options.exposeModuleErrors ? `: ${reason}` : '';
  // The function's own message goes to the log as the cause, in every mode.
  return new ModuleError(
    'MODULE_ERROR',
    module,
    `Module "${module}" failed${detail}`,
    new Error(reason),
  );
}

/** A module's errors that are its own fault, in full, for the log. */
function logModuleErrors(
  logger: Logger,
  module: string,
  requestId: string | undefined,
  result: ExecutionResult,
): void {
  logger.warn('module answered errors', {
    requestId,
    module,
    errors: result.errors?.map((e) => ({
      message: e.message,
      path: e.path,
      code: e.extensions.code,
    })),
  });
}

/**
 * The answer as an execution result, each error tagged with the module; an answer that
 * breaks the contract (`readGraphletAnswer`) is the module's error, never a silent null.
 */
export function readGraphletResult(
  module: string,
  answer: GraphletAnswer,
  options: Pick<ModuleExecutorOptions, 'exposeModuleErrors'>,
): ExecutionResult {
  if (answer.violation !== undefined) {
    // The violation names the gateway's own aliases and paths: development only.
    const detail = options.exposeModuleErrors ? `: ${answer.violation}` : '';
    throw new ModuleError(
      'MODULE_BAD_RESPONSE',
      module,
      `Module "${module}" answered against the graphlet contract${detail}`,
      new Error(answer.violation),
    );
  }
  const body = answer.take();
  const errors = body.errors?.map(
    (error) =>
      new GraphQLError(String(error.message ?? 'Unknown error'), {
        path: error.path,
        extensions: { ...error.extensions, module },
      }),
  );
  return errors ? { data: body.data, errors } : { data: body.data };
}

function readErrorMessage(payload: string): string {
  try {
    const body = JSON.parse(payload) as { errorMessage?: unknown; errorType?: unknown };
    return `${String(body.errorType ?? 'Error')}: ${String(body.errorMessage ?? '')}`;
  } catch {
    return payload.slice(0, 200);
  }
}

function asGatewayError(module: string, error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('MODULE_ERROR', 502, `Module "${module}" failed`, {
    module,
    cause: error,
  });
}

function toGraphQLError(error: GatewayError): GraphQLError {
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: { code: error.code, module: error.module },
  });
}
