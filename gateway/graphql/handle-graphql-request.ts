import type { ExecutionResult, GraphQLError } from 'graphql';
import type { Preparation } from '../../lib/create-document-preparer.ts';
import { judgeOperation, type OperationRefusal } from '../auth/judge-operation.ts';
import { BadRequestError } from '../errors.ts';
import { errorResponse, jsonResponse } from '../http/json-response.ts';
import type { GatewayRequest, GatewayResponse } from '../types.ts';
import type { PreparedDocument } from './create-prepared-document.ts';
import { type FormatErrorsOptions, formatErrors } from './format-errors.ts';
import { LIMIT_ERROR_CODES } from './limit-rules.ts';
import {
  GRAPHQL_RESPONSE_JSON,
  type GraphQLMediaType,
  negotiateMediaType,
} from './negotiate-media-type.ts';
import { readGraphQLParams } from './read-graphql-params.ts';
import { renderGraphiQL } from './render-graphiql.ts';
import type { RequestContext } from './request-context.ts';

/** What one generation offers the GraphQL endpoint. */
export interface GraphQLEndpoint {
  prepare(query: string): Preparation<PreparedDocument>;
  /** Executes a prepared document: by the gateway's query plan where it has one, else by graphql-tools. */
  execute(request: PreparedExecution): Promise<ExecutionResult>;
}

export interface PreparedExecution {
  prepared: PreparedDocument;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
  context: RequestContext;
}

export interface GraphQLRequestOptions {
  dev: boolean;
  /** Whether error messages keep "Did you mean" suggestions: only when introspection is on. */
  suggestions: boolean;
  /** Headers of which a GET must carry one (CSRF prevention); false turns the check off. */
  csrfHeaders: readonly string[] | false;
  graphqlPath: string;
}

/**
 * Serves one GraphQL-over-HTTP request: GET with query parameters or POST JSON, status
 * codes by the negotiated media type, GraphiQL for a browser in dev mode.
 *
 * @example
 * const response = await handleGraphQLRequest(request, endpoint, { requestId }, options);
 */
export async function handleGraphQLRequest(
  request: GatewayRequest,
  endpoint: GraphQLEndpoint,
  context: RequestContext,
  options: GraphQLRequestOptions,
): Promise<GatewayResponse> {
  if (request.method !== 'GET' && request.method !== 'POST') {
    return errorResponse(405, 'METHOD_NOT_ALLOWED', 'GraphQL is served over GET and POST.', {
      headers: { allow: 'GET, POST' },
    });
  }
  const accept = request.headers.accept;
  if (options.dev && request.method === 'GET' && wantsHtml(accept, request.rawQueryString)) {
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: renderGraphiQL(options.graphqlPath),
    };
  }
  const mediaType = negotiateMediaType(accept);
  if (!mediaType) {
    return errorResponse(
      406,
      'NOT_ACCEPTABLE',
      `Accept application/graphql-response+json or application/json (got "${accept}").`,
    );
  }
  try {
    checkCsrf(request, options.csrfHeaders);
    return await run(request, endpoint, context, mediaType, options);
  } catch (error) {
    if (error instanceof BadRequestError) {
      return errorResponse(error.statusCode, error.code, error.message, { headers: error.headers });
    }
    throw error;
  }
}

async function run(
  request: GatewayRequest,
  endpoint: GraphQLEndpoint,
  context: RequestContext,
  mediaType: GraphQLMediaType,
  options: GraphQLRequestOptions,
): Promise<GatewayResponse> {
  const params = readGraphQLParams(request);
  const preparation = endpoint.prepare(params.query);
  if (!preparation.ok)
    return rejected(preparation.errors, mediaType, formatOptionsOf(options, context));
  const { operations } = preparation.prepared;
  const operationType =
    operations.get(params.operationName ?? '') ??
    (params.operationName === undefined && operations.size === 1
      ? [...operations.values()][0]
      : undefined);
  if (request.method === 'GET' && operationType && operationType !== 'query') {
    throw new BadRequestError(
      'METHOD_NOT_ALLOWED',
      405,
      `A ${operationType} must be sent with POST, not GET.`,
      {
        headers: { allow: 'POST' },
      },
    );
  }
  const refusal = refuseOperation(preparation.prepared, params.operationName, context);
  if (refusal) {
    return jsonResponse(
      refusal.statusCode,
      { errors: refusal.errors },
      { 'www-authenticate': refusal.challenge },
      `${mediaType}; charset=utf-8`,
    );
  }
  const result = await endpoint.execute({
    prepared: preparation.prepared,
    variables: params.variables,
    operationName: params.operationName,
    context: withVersionPins(
      forOperation(context, operationType),
      preparation.prepared.versionPins,
    ),
  });
  const body = result.errors
    ? {
        errors: formatErrors(result.errors, formatOptionsOf(options, context)),
        data: result.data,
      }
    : { data: result.data };
  const failed = mediaType === GRAPHQL_RESPONSE_JSON && result.data == null;
  return jsonResponse(failed ? 400 : 200, body, {}, `${mediaType}; charset=utf-8`);
}

/** Why the caller may not run the operation: a field it selects requires what the caller lacks. */
function refuseOperation(
  prepared: PreparedDocument,
  operationName: string | undefined,
  context: RequestContext,
): OperationRefusal | undefined {
  const access = prepared.access;
  if (!access) return undefined;
  const single = prepared.operations.size === 1 ? [...prepared.operations.keys()][0] : '';
  return judgeOperation(context.caller?.identity, access.get(operationName ?? single ?? ''));
}

/** Only a mutation carries the client's Idempotency-Key to the modules: a query is safe to repeat. */
function forOperation(context: RequestContext, operationType: string | undefined): RequestContext {
  if (context.idempotencyKey === undefined || operationType === 'mutation') return context;
  const { idempotencyKey: _, ...rest } = context;
  return rest;
}

function formatOptionsOf(
  options: GraphQLRequestOptions,
  context: RequestContext,
): FormatErrorsOptions {
  return { dev: options.dev, requestId: context.requestId, suggestions: options.suggestions };
}

/** A document that must run on one version of a module carries it to the module calls. */
function withVersionPins(
  context: RequestContext,
  pins: PreparedDocument['versionPins'],
): RequestContext {
  if (!pins) return context;
  if ('message' in pins) throw new BadRequestError('VERSION_CONFLICT', 400, pins.message);
  return { ...context, versionPins: pins };
}

/** Parse and validation errors: 400 with graphql-response+json, 200 for legacy JSON, 400 for our limits. */
function rejected(
  errors: GraphQLError[],
  mediaType: GraphQLMediaType,
  formatOptions: FormatErrorsOptions,
): GatewayResponse {
  const formatted = formatErrors(errors, formatOptions).map((error) => ({
    ...error,
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions },
  }));
  const overLimit = formatted.some((e) => LIMIT_ERROR_CODES.has(String(e.extensions.code)));
  const status = mediaType === GRAPHQL_RESPONSE_JSON || overLimit ? 400 : 200;
  return jsonResponse(status, { errors: formatted }, {}, `${mediaType}; charset=utf-8`);
}

function checkCsrf(request: GatewayRequest, csrfHeaders: readonly string[] | false): void {
  if (request.method !== 'GET' || csrfHeaders === false) return;
  if (csrfHeaders.some((name) => request.headers[name] !== undefined)) return;
  throw new BadRequestError(
    'CSRF_PREVENTED',
    400,
    `A GraphQL GET request must carry one of the headers ${csrfHeaders.join(', ')} (CSRF prevention); browsers cannot add them to a cross-site request without a preflight.`,
  );
}

function wantsHtml(accept: string | undefined, rawQueryString: string): boolean {
  return !!accept?.includes('text/html') && !new URLSearchParams(rawQueryString).has('query');
}
