import { randomUUID } from 'node:crypto';
import type { AuthOptions } from './auth/auth-options.ts';
import { createAuthenticator } from './auth/create-authenticator.ts';
import { AccessError } from './auth/errors.ts';
import { buildGatewayGeneration, type GatewayGeneration } from './build-gateway-generation.ts';
import { silentLogger } from './create-json-logger.ts';
import { BadRequestError } from './errors.ts';
import { handleGraphQLRequest } from './graphql/handle-graphql-request.ts';
import type { DocumentLimits } from './graphql/limit-rules.ts';
import { createHealthRecorder, type HealthRecorder } from './health/create-health-recorder.ts';
import { healthSamplesResponse } from './health/health-samples-response.ts';
import { livenessResponse } from './health/liveness-response.ts';
import { recordInvokeHealth } from './health/record-invoke-health.ts';
import { errorResponse, jsonResponse } from './http/json-response.ts';
import { normalizeRequestPath } from './http/normalize-request-path.ts';
import { readIdempotencyKey } from './http/read-idempotency-key.ts';
import { dedupeInvokes } from './invoke/dedupe-invokes.ts';
import { retryCanaryFailures } from './invoke/retry-canary-failures.ts';
import type { Invoker } from './invoke/types.ts';
import {
  createGenerationWatcher,
  type GenerationSource,
} from './registry/create-generation-watcher.ts';
import { handleRestRequest } from './rest/handle-rest-request.ts';
import {
  type Clock,
  type GatewayRequest,
  type GatewayResponse,
  type Logger,
  systemClock,
} from './types.ts';

export interface GatewayLimits extends DocumentLimits {
  /** Request bodies above this get 413. @default 1_048_576 (1 MB) */
  maxBodyBytes: number;
  /**
   * The most keys the gateway sends a module in one merge request (the objects of one
   * type at one place of a query); more are refused for those fields with
   * MERGE_LIMIT_EXCEEDED. @default 1000
   */
  maxMergeKeys: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  maxBodyBytes: 1_048_576,
  maxMergeKeys: 1000,
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
};

/** Headers of which a GraphQL GET must carry one, after graphql-yoga's CSRF prevention. */
export const DEFAULT_CSRF_HEADERS = [
  'x-turnout-csrf',
  'x-graphql-csrf',
  'apollo-require-preflight',
];

export interface GatewayOptions {
  /**
   * Where generations come from: `createLeanRegistrySource` in the Lambda; the local server
   * also takes a registry table (`toGenerationSource`).
   */
  registry: GenerationSource;
  /** How a module's function is invoked: `createLambdaInvoker(...).invoke` in production. */
  invoke: Invoker;
  /** @default the system clock */
  clock?: Clock;
  /** @default silent */
  logger?: Logger;
  /** How often to look for a newer generation. @default 5000 */
  pollIntervalMs?: number;
  /** Development: GraphiQL, module error details, introspection on. @default false */
  dev?: boolean;
  /** @default the value of `dev` */
  introspection?: boolean;
  /** Require a preflight header on GraphQL GETs; a list replaces the default headers. @default true */
  csrfPrevention?: boolean | string[];
  limits?: Partial<GatewayLimits>;
  /** Parsed and validated documents kept per generation. @default 1000 */
  documentCacheSize?: number;
  /**
   * Plan queries in the gateway (one printed query per module per merge level, kept per
   * document) instead of graphql-tools' per-request delegation; operations the planner
   * does not cover still go through graphql-tools. @default true
   */
  queryPlanner?: boolean;
  /** Log one line per request at info level. @default false */
  accessLog?: boolean;
  /** @default '/graphql' */
  graphqlPath?: string;
  /** The detailed health samples (gateway/HEALTH.md), for holders of `healthToken`. @default '/_turnout/health' */
  healthPath?: string;
  /**
   * How bearer tokens are verified (gateway/auth/auth-options.ts). Without it every
   * request is anonymous and a request with a token gets 401.
   */
  auth?: AuthOptions;
  /**
   * The secret `healthPath` requires in the `x-turnout-health-token` header. Without one
   * the samples are served to no one. @default none (`TURNOUT_HEALTH_TOKEN` in the Lambda)
   */
  healthToken?: string;
  /** Up or down for anyone: 503 without a generation or a readable registry. @default '/_turnout/live' */
  livePath?: string;
}

export interface Gateway {
  /** Loads the newest good generation and begins polling for newer ones. */
  start(): Promise<void>;
  /** Serves one request; never rejects. */
  handle(request: GatewayRequest): Promise<GatewayResponse>;
  /** Per function version health samples (gateway/HEALTH.md). */
  health: HealthRecorder;
  /** The generation being served, if any. */
  generation(): number | undefined;
  /** Looks for a newer generation now; true when it swapped. */
  refresh(): Promise<boolean>;
  stop(): void;
}

/**
 * The gateway core: one generation at a time, GraphQL at `/graphql`, health samples at
 * `/_turnout/health` (with the health token), liveness at `/_turnout/live`, every other
 * path routed to a REST module. The Lambda handler and
 * the local server are thin adapters around `handle`.
 *
 * @example
 * const gateway = createGateway({ registry: createLeanRegistrySource({ ... }), invoke: lambda.invoke });
 * await gateway.start();
 * const response = await gateway.handle({ method: 'GET', path: '/message/1', rawQueryString: '', headers: {} });
 */
export function createGateway(options: GatewayOptions): Gateway {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const dev = options.dev ?? false;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const introspection = options.introspection ?? dev;
  const health = createHealthRecorder({ clock });
  const authenticate = createAuthenticator(options.auth, clock);
  const timer = { now: () => performance.now() };
  const invoke = dedupeInvokes(
    retryCanaryFailures(recordInvokeHealth(options.invoke, health, timer), { logger }),
  );
  const watcher = createGenerationWatcher<GatewayGeneration>({
    source: options.registry,
    logger,
    pollIntervalMs: options.pollIntervalMs,
    build: (generation) =>
      buildGatewayGeneration(generation, {
        invoke,
        logger,
        dev,
        introspection,
        limits,
        documentCacheSize: options.documentCacheSize ?? 1000,
        queryPlanner: options.queryPlanner,
      }),
  });
  const settings = {
    graphqlPath: options.graphqlPath ?? '/graphql',
    healthPath: options.healthPath ?? '/_turnout/health',
    livePath: options.livePath ?? '/_turnout/live',
    csrfHeaders: csrfHeaders(options.csrfPrevention),
    dev,
    suggestions: introspection,
    maxBodyBytes: limits.maxBodyBytes,
  };
  let started: Promise<void> | undefined;
  const start = () => {
    started ??= watcher.start().catch((error) => {
      started = undefined;
      logger.error('registry could not be read at start; will retry on the next request', {
        error,
      });
    });
    return started;
  };

  const route = async (sent: GatewayRequest, requestId: string): Promise<GatewayResponse> => {
    // Routed, served and sent to a module on one path: the one its router would read.
    const path = normalizeRequestPath(sent.path);
    if (typeof path !== 'string') return errorResponse(path.statusCode, path.code, path.message);
    const request = path === sent.path ? sent : { ...sent, path };
    if (request.body && request.body.length > settings.maxBodyBytes) {
      return errorResponse(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body is ${request.body.length} bytes; this gateway accepts at most ${settings.maxBodyBytes} (limits.maxBodyBytes).`,
      );
    }
    if (path === settings.healthPath) {
      const generation = watcher.current()?.generation;
      return healthSamplesResponse(request, health, { generation, token: options.healthToken });
    }
    await start();
    if (path === settings.livePath) {
      const registryReadable = watcher.registryReadable();
      return livenessResponse({ hasGeneration: !!watcher.current(), registryReadable });
    }
    const served = watcher.current()?.value;
    if (!served) {
      return errorResponse(
        503,
        'NO_GENERATION',
        'The gateway has no published generation to serve yet.',
      );
    }
    const graphql = path === settings.graphqlPath;
    let caller: Awaited<ReturnType<typeof authenticate>>;
    let idempotencyKey: string | undefined;
    try {
      // A known token comes back at once: no await, so no extra turn of the event loop.
      const authenticated = authenticate(request);
      caller = authenticated instanceof Promise ? await authenticated : authenticated;
      idempotencyKey = readIdempotencyKey(request);
    } catch (error) {
      return refusedRequest(error, graphql);
    }
    if (graphql) {
      if (!served.graphql) return errorResponse(404, 'NO_GRAPHQL', 'No module serves GraphQL yet.');
      const context = idempotencyKey
        ? { requestId, caller, idempotencyKey }
        : { requestId, caller };
      return handleGraphQLRequest(request, served.graphql, context, settings);
    }
    return handleRestRequest(request, served.routes, {
      invoke,
      logger,
      requestId,
      now: clock.now(),
      caller,
      dev,
    });
  };

  const handle = async (request: GatewayRequest): Promise<GatewayResponse> => {
    const requestId = request.requestId ?? randomUUID();
    const began = performance.now();
    let response: GatewayResponse;
    try {
      response = await route(request, requestId);
    } catch (error) {
      logger.error('request failed inside the gateway', { requestId, path: request.path, error });
      response = errorResponse(500, 'INTERNAL_SERVER_ERROR', 'Internal error');
    }
    response.headers['x-request-id'] = requestId;
    if (options.accessLog) {
      const ms = Math.round((performance.now() - began) * 1000) / 1000;
      logger.info('request', {
        requestId,
        method: request.method,
        path: request.path,
        status: response.statusCode,
        ms,
      });
    }
    return response;
  };

  return {
    start,
    handle,
    health,
    generation: () => watcher.current()?.generation,
    refresh: () => watcher.refresh(),
    stop: () => watcher.stop(),
  };
}

/**
 * A token the gateway refused, or a bad Idempotency-Key: `{ error }` on REST paths,
 * GraphQL's `{ errors }` on the GraphQL path (a bad token is `UNAUTHENTICATED` there,
 * the code GraphQL clients act on, with the reason beside it).
 */
function refusedRequest(error: unknown, graphql: boolean): GatewayResponse {
  if (!(error instanceof AccessError) && !(error instanceof BadRequestError)) throw error;
  const headers: Record<string, string> =
    error instanceof AccessError ? { 'www-authenticate': error.challenge } : {};
  if (!graphql) return errorResponse(error.statusCode, error.code, error.message, { headers });
  const code = error.code === 'INVALID_TOKEN' ? 'UNAUTHENTICATED' : error.code;
  const extensions = code === error.code ? { code } : { code, reason: error.code };
  return jsonResponse(
    error.statusCode,
    { errors: [{ message: error.message, extensions }] },
    headers,
  );
}

function csrfHeaders(option: boolean | string[] | undefined): readonly string[] | false {
  if (option === false) return false;
  if (Array.isArray(option)) return option.map((h) => h.toLowerCase());
  return DEFAULT_CSRF_HEADERS;
}
