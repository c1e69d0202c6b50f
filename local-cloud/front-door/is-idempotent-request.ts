import { type DocumentNode, Kind, parse } from 'graphql';

/** What the front door knows of a request when it decides whether to retry it. */
export interface RetryableRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * Whether sending the request twice does no more harm than once, so the front door may
 * retry it on another Region when the first fails: GET and HEAD, a GraphQL query (not a
 * mutation), and any request that carries an `Idempotency-Key` (the module answers a
 * repeat with the first answer).
 *
 * @example
 * isIdempotentRequest({ method: 'POST', path: '/graphql', headers: {}, body: Buffer.from('{"query":"{ a }"}') }); // true
 */
export function isIdempotentRequest(request: RetryableRequest): boolean {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return true;
  if (request.headers['idempotency-key'] !== undefined) return true;
  if (method !== 'POST' || !request.path.split('?')[0]?.endsWith('/graphql')) return false;
  return isGraphqlQuery(request.body);
}

function isGraphqlQuery(body: Buffer): boolean {
  let params: { query?: unknown; operationName?: unknown };
  try {
    params = JSON.parse(body.toString('utf8')) as typeof params;
  } catch {
    return false;
  }
  if (typeof params?.query !== 'string') return false;
  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch {
    // The gateway refuses it without touching anything: no harm either way, but no retry.
    return false;
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const chosen =
    typeof params.operationName === 'string'
      ? operations.find((o) => o.name?.value === params.operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  return chosen?.operation === 'query';
}
