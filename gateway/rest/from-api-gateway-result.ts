import { ModuleError } from '../errors.ts';
import type { GatewayResponse } from '../types.ts';

/**
 * Turns a REST module's v2 result into the response, by API Gateway's rules for
 * payload v2: an object with `statusCode` is taken as it is (headers, multiValueHeaders,
 * cookies, a base64 body decoded); anything else is a 200 JSON answer whose body is the
 * result (a string as is, other values as JSON).
 *
 * @example
 * const response = fromApiGatewayResult('message', invokeResult.payload);
 */
export function fromApiGatewayResult(module: string, payload: string): GatewayResponse {
  let result: unknown;
  try {
    result = payload === '' ? null : JSON.parse(payload);
  } catch (cause) {
    throw new ModuleError(
      'MODULE_BAD_RESPONSE',
      module,
      `Module "${module}" answered with invalid JSON`,
      cause,
    );
  }
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    return structuredResult(module, result as StructuredResult);
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body };
}

interface StructuredResult {
  statusCode: unknown;
  headers?: Record<string, unknown>;
  multiValueHeaders?: Record<string, unknown[]>;
  cookies?: unknown[];
  body?: unknown;
  isBase64Encoded?: boolean;
}

function structuredResult(module: string, result: StructuredResult): GatewayResponse {
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new ModuleError(
      'MODULE_BAD_RESPONSE',
      module,
      `Module "${module}" answered with statusCode ${JSON.stringify(result.statusCode)}`,
    );
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  const response: GatewayResponse = { statusCode, headers, body: readBody(result) };
  if (result.multiValueHeaders && Object.keys(result.multiValueHeaders).length > 0) {
    response.multiValueHeaders = Object.fromEntries(
      Object.entries(result.multiValueHeaders).map(([name, values]) => [
        name.toLowerCase(),
        values.map(String),
      ]),
    );
  }
  if (Array.isArray(result.cookies) && result.cookies.length > 0)
    response.cookies = result.cookies.map(String);
  return response;
}

function readBody(result: StructuredResult): string | Buffer {
  if (result.body === undefined || result.body === null) return '';
  const body = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
  return result.isBase64Encoded ? Buffer.from(body, 'base64') : body;
}
