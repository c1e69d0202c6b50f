import type { GatewayResponse } from '../types.ts';

/**
 * A JSON response.
 *
 * @example
 * return jsonResponse(404, { error: { code: 'ROUTE_NOT_FOUND', message } });
 */
export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): GatewayResponse {
  return {
    statusCode,
    headers: { 'content-type': contentType, ...headers },
    body: JSON.stringify(body),
  };
}

/** The gateway's own error body: `{ error: { code, message, module?, requestId? } }`. */
export function errorResponse(
  statusCode: number,
  code: string,
  message: string,
  extra: { module?: string; requestId?: string; headers?: Record<string, string> } = {},
): GatewayResponse {
  const error: Record<string, string> = { code, message };
  if (extra.module) error.module = extra.module;
  if (extra.requestId) error.requestId = extra.requestId;
  return jsonResponse(statusCode, { error }, extra.headers);
}
