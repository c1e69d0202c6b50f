import { jwtAuthorizerOf } from '../../contracts/rest-invoke-event.ts';

/**
 * The Hono `env` of a request from a verified caller, as the kit's Lambda adapter hands
 * a module the API Gateway v2 event's requestContext: for an app's `request(path, init, env)`.
 *
 * @example
 * await app.request('/gatepass', jsonPost(body), callerEnv('driver-D1', ['gatepass:write']));
 */
export function callerEnv(sub: string, scopes: string[] = []) {
  return {
    requestContext: { authorizer: jwtAuthorizerOf({ sub, scope: scopes.join(' ') }, scopes) },
  };
}
