export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';
export const APPLICATION_JSON = 'application/json';

export type GraphQLMediaType = typeof GRAPHQL_RESPONSE_JSON | typeof APPLICATION_JSON;

/**
 * Picks the response media type from the Accept header (GraphQL over HTTP):
 * `application/graphql-response+json` when the client prefers it, `application/json`
 * for legacy clients, wildcards and no Accept at all; undefined means 406.
 *
 * @example
 * negotiateMediaType('application/graphql-response+json, application/json;q=0.9');
 */
export function negotiateMediaType(accept: string | undefined): GraphQLMediaType | undefined {
  if (!accept) return APPLICATION_JSON;
  let best: { type: GraphQLMediaType; q: number } | undefined;
  for (const part of accept.split(',')) {
    const [rawType = '', ...params] = part.split(';');
    const type = rawType.trim().toLowerCase();
    const q = readQuality(params);
    const supported = supportedType(type);
    if (!supported || q <= 0) continue;
    if (!best || q > best.q) best = { type: supported, q };
  }
  return best?.type;
}

function supportedType(type: string): GraphQLMediaType | undefined {
  if (type === GRAPHQL_RESPONSE_JSON) return GRAPHQL_RESPONSE_JSON;
  if (type === APPLICATION_JSON || type === 'application/*' || type === '*/*')
    return APPLICATION_JSON;
  return undefined;
}

function readQuality(params: string[]): number {
  for (const param of params) {
    const [name, value] = param.split('=');
    if (name?.trim() === 'q') {
      const q = Number(value);
      return Number.isNaN(q) ? 1 : q;
    }
  }
  return 1;
}
