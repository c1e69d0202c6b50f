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

/** The gateway's own error body: `{ error: { code, message, module? } }`. */
export function errorResponse(
  statusCode: number,
  code: string,
  message: string,
  extra: { module?: string; headers?: Record<string, string> } = {},
): GatewayResponse {
  const error = extra.module ? { code, message, module: extra.module } : { code, message };
  return jsonResponse(statusCode, { error }, extra.headers);
}
