import type { RouteEntry } from '../../contracts/registry.ts';
import { toApiGatewayEvent } from '../../contracts/rest-invoke-event.ts';
import { authorizeRequest } from '../auth/authorize-request.ts';
import type { AccessRules } from '../auth/compile-access-rules.ts';
import { scrubClientHeaders } from '../auth/scrub-client-headers.ts';
import type { VerifiedCaller } from '../auth/verified-caller.ts';
import type { CellRouter } from '../cells/compile-cell-router.ts';
import { GatewayError, ModuleError, ModuleTimeoutError } from '../errors.ts';
import { isLambdaTimeout } from '../health/record-invoke-health.ts';
import { errorResponse } from '../http/json-response.ts';
import type { Invoker } from '../invoke/types.ts';
import { moduleFailureMessage } from '../module-failure-message.ts';
import type { GatewayRequest, GatewayResponse, Logger } from '../types.ts';
import { fromApiGatewayResult } from './from-api-gateway-result.ts';
import { matchRoute } from './match-route.ts';

/** A route as the gateway serves it: with the stable version while its module is split. */
export interface ServedRoute extends RouteEntry {
  /** While a deployment splits the module's alias: where a failed GET or HEAD may retry. */
  stableVersion?: string;
  /** What the module requires of callers under this prefix (compiled from `access`). */
  accessRules?: AccessRules;
  /** For a cellular module: which cell's function serves a request. */
  cells?: CellRouter;
}

export interface RestRequestOptions {
  invoke: Invoker;
  logger: Logger;
  requestId: string;
  now: number;
  /** The verified caller; absent: anonymous. */
  caller?: VerifiedCaller;
  /** Development: a module's failure carries its full text (Lambda's message included). */
  dev: boolean;
}

/**
 * Routes a REST request to the module owning the longest matching path prefix and
 * invokes it with an API Gateway v2 event. No route: 404. The module failed: 502.
 * It did not answer in time: 504. Lambda throttled it: 503. Outside development a
 * failure names the module, its code and the request id; the full text is logged.
 *
 * @example
 * const response = await handleRestRequest(request, sortedRoutes, { invoke, logger, requestId, now });
 */
export async function handleRestRequest(
  request: GatewayRequest,
  sortedRoutes: readonly ServedRoute[],
  options: RestRequestOptions,
): Promise<GatewayResponse> {
  const route = matchRoute(sortedRoutes, request.path);
  if (!route) {
    return errorResponse(
      404,
      'ROUTE_NOT_FOUND',
      `No module serves ${request.method} ${request.path}.`,
    );
  }
  const what = `${request.method} ${request.path}`;
  const refusal = authorizeRequest(
    route.accessRules?.(request.method, request.path),
    options.caller,
    what,
  );
  if (refusal) {
    return errorResponse(refusal.statusCode, refusal.code, refusal.message, {
      headers: { 'www-authenticate': refusal.challenge },
    });
  }
  const cell = route.cells?.routeRest(request);
  if (cell?.refusal !== undefined) return errorResponse(400, 'CELL_KEY_MISSING', cell.refusal);
  const inCell = cell?.target;
  const headers = scrubClientHeaders(request.headers, {
    sourceIp: request.sourceIp,
    requestId: options.requestId,
  });
  const event = toApiGatewayEvent(
    { ...request, headers },
    { requestId: options.requestId, now: options.now, authorizer: options.caller?.authorizer },
  );
  try {
    const result = await options.invoke({
      module: route.module,
      functionName: inCell ? inCell.functionName : route.functionName,
      cell: inCell?.cell,
      qualifier: route.alias,
      payload: JSON.stringify(event),
      timeoutMs: route.timeoutMs,
      kind: 'rest',
      idempotent: request.method === 'GET' || request.method === 'HEAD',
      stableVersion: inCell ? inCell.stableVersion : route.stableVersion,
    });
    if (result.functionError) {
      throw isLambdaTimeout(result.payload)
        ? new ModuleTimeoutError(route.module, undefined)
        : new ModuleError('MODULE_ERROR', route.module, `Module "${route.module}" failed`);
    }
    return fromApiGatewayResult(route.module, result.payload);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    options.logger.warn('module invoke failed', {
      requestId: options.requestId,
      module: route.module,
      code: error.code,
      error,
    });
    const message = options.dev
      ? error.message
      : moduleFailureMessage(error.code, route.module, options.requestId);
    return errorResponse(error.statusCode, error.code, message, {
      module: route.module,
      requestId: options.requestId,
    });
  }
}
