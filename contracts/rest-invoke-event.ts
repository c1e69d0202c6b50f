import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * What a REST module is asked (docs/ARCHITECTURE.md, contract 2): the gateway's request, or a smoke
 * check's, before it becomes an API Gateway HTTP API payload v2 event.
 */
export interface RestInvokeRequest {
  method: string;
  /** The path without the query string, e.g. `/message/42`. */
  path: string;
  /** The query string without `?`, as the client sent it. */
  rawQueryString: string;
  /** Lower-cased names; repeated headers joined with `,` (as API Gateway v2 does). */
  headers: Record<string, string>;
  /** Cookies as sent, one `name=value` each; when absent they are read from the `cookie` header. */
  cookies?: string[];
  body?: Buffer;
  sourceIp?: string;
  protocol?: string;
  domainName?: string;
  /** When the request arrived (epoch ms); defaults to `meta.now`. */
  timeEpoch?: number;
}

/**
 * `requestContext.authorizer` as API Gateway's JWT authorizer sets it for a verified
 * caller (docs/ARCHITECTURE.md, contract 8): the claims, each value a string, and the
 * token's scopes (null when it has none).
 */
export interface JwtAuthorizer {
  jwt: { claims: Record<string, string>; scopes: string[] | null };
}

/**
 * The authorizer API Gateway's JWT authorizer would set for a caller with these claims
 * and scopes: every claim's value a string (`exp: "1767225600"`), a list as `[a b]`, an
 * object as its JSON.
 *
 * @example
 * jwtAuthorizerOf({ sub: 'driver-D1', exp: 1767225600 }, ['gatepass:write'])
 * // { jwt: { claims: { sub: 'driver-D1', exp: '1767225600' }, scopes: ['gatepass:write'] } }
 */
export function jwtAuthorizerOf(
  claims: Record<string, unknown>,
  scopes: readonly string[],
): JwtAuthorizer {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (Array.isArray(value)) strings[name] = `[${value.join(' ')}]`;
    else if (typeof value === 'object' && value !== null) strings[name] = JSON.stringify(value);
    else strings[name] = String(value);
  }
  return { jwt: { claims: strings, scopes: scopes.length ? [...scopes] : null } };
}

/**
 * The API Gateway HTTP API payload v2 event for a request (docs/ARCHITECTURE.md, contract 2), so a
 * REST module behaves the same behind the gateway and behind API Gateway itself.
 * Text bodies go as text; any other content type as base64 with `isBase64Encoded`.
 * With `meta.authorizer` (a verified caller) the event is the one a route behind a JWT
 * authorizer gets; without it, an anonymous one's.
 *
 * @example
 * const event = toApiGatewayEvent(request, { requestId, now: Date.now() });
 */
export function toApiGatewayEvent(
  request: RestInvokeRequest,
  meta: { requestId: string; now: number; authorizer?: JwtAuthorizer },
): APIGatewayProxyEventV2 {
  const headers = { ...request.headers };
  const cookies = request.cookies ?? splitCookieHeader(headers.cookie);
  delete headers.cookie;
  const timeEpoch = request.timeEpoch ?? meta.now;
  const domainName = request.domainName ?? headers.host ?? 'localhost';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: request.path,
    rawQueryString: request.rawQueryString,
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'turnout',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: request.path,
        protocol: request.protocol ?? 'HTTP/1.1',
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: meta.requestId,
      routeKey: '$default',
      stage: '$default',
      time: formatClfTime(timeEpoch),
      timeEpoch,
    },
    isBase64Encoded: false,
  };
  if (meta.authorizer) {
    (event.requestContext as { authorizer?: JwtAuthorizer }).authorizer = meta.authorizer;
  }
  if (cookies.length > 0) event.cookies = cookies;
  const query = queryStringParameters(request.rawQueryString);
  if (query) event.queryStringParameters = query;
  if (request.body && request.body.length > 0) {
    const binary = !isTextContentType(headers['content-type']);
    event.body = request.body.toString(binary ? 'base64' : 'utf8');
    event.isBase64Encoded = binary;
  }
  return event;
}

/** API Gateway joins repeated parameters with commas. */
function queryStringParameters(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(raw)) {
    result[name] = result[name] === undefined ? value : `${result[name]},${value}`;
  }
  return result;
}

function splitCookieHeader(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Whether a body of this type travels as text (everything else is base64). */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml' ||
    type.endsWith('+xml') ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/javascript' ||
    type === 'application/graphql'
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestContext.time`: `12/Mar/2020:19:03:58 +0000`. */
function formatClfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
