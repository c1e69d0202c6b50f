// Shared with the console (lib/), which must not import the local cloud.
export { isLoopbackHost } from '../lib/is-loopback-host.ts';

/** What a refused request is told, and how to reach the service instead. */
export function foreignHostMessage(host: string | undefined): string {
  return `Host ${JSON.stringify(host ?? '')} refused: the local cloud answers only requests to localhost, 127.0.0.1 or [::1] (with a port), so that no web page can reach it through DNS rebinding. Use the endpoint from .turnout/endpoints.json.`;
}
