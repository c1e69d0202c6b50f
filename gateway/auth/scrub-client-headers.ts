/**
 * The headers a REST module is sent, without the ones a client could use to lie about
 * who or where it is: `authorization` (the gateway consumed it; the verified caller
 * travels in `requestContext.authorizer`), `forwarded`, `x-forwarded-*`, `x-real-ip`
 * and `x-amzn-*` (headers AWS itself sets, which a module might trust). The gateway
 * writes `x-forwarded-for` (the address it saw the request from) and `x-request-id`
 * (its own request id) itself, so a module that reads them reads the truth.
 *
 * @example
 * scrubClientHeaders({ 'x-forwarded-for': '10.0.0.1', accept: '*' }, { sourceIp: '203.0.113.9', requestId })
 * // { accept: '*', 'x-forwarded-for': '203.0.113.9', 'x-request-id': requestId }
 */
export function scrubClientHeaders(
  headers: Record<string, string>,
  seen: { sourceIp: string | undefined; requestId: string },
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name in headers) {
    if (!carriesIdentity(name)) kept[name] = headers[name] as string;
  }
  if (seen.sourceIp) kept['x-forwarded-for'] = seen.sourceIp;
  kept['x-request-id'] = seen.requestId;
  return kept;
}

function carriesIdentity(name: string): boolean {
  return (
    name === 'authorization' ||
    name === 'forwarded' ||
    name === 'x-real-ip' ||
    name === 'x-request-id' ||
    name.startsWith('x-forwarded-') ||
    name.startsWith('x-amzn-')
  );
}
