import type { Context } from 'hono';
import type { Identity } from '../../contracts/identity.ts';
import type { JwtAuthorizer } from '../../contracts/rest-invoke-event.ts';

/**
 * The caller of a REST request, read from `requestContext.authorizer.jwt`, where the
 * gateway (or API Gateway's JWT authorizer, behind a real path mapping) puts the
 * verified claims and scopes (docs/ARCHITECTURE.md, contract 8); undefined for an
 * anonymous caller. Claims there are strings, as API Gateway passes them.
 *
 * @example
 * app.get('/message/drivers/:driverId/messages', (c) => {
 *   const caller = requireIdentity(restIdentity(c), 'Reading messages');
 * });
 */
export function restIdentity(c: Context): Identity | undefined {
  const env = c.env as { requestContext?: { authorizer?: Partial<JwtAuthorizer> } } | undefined;
  const jwt = env?.requestContext?.authorizer?.jwt;
  const sub = jwt?.claims?.sub;
  if (!jwt || typeof sub !== 'string' || sub === '') return undefined;
  return { sub, scopes: jwt.scopes ?? [], claims: jwt.claims };
}
