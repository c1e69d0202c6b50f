/** The names a request to the local cloud may carry in its Host header, with or without a port. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request's Host header names this machine's loopback: `localhost`,
 * `127.0.0.1` or `[::1]`, with any port. The local cloud's HTTP services and the operator
 * console answer nothing else. Listening on 127.0.0.1 keeps other machines out, but not a web page: with DNS
 * rebinding, a page on `evil.example` gets its name to resolve to 127.0.0.1, and the
 * browser then sends `Host: evil.example` to the local Lambda, which would invoke
 * functions for it.
 *
 * @example
 * isLoopbackHost('127.0.0.1:4566'); // true
 * isLoopbackHost('evil.example:4566'); // false
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return LOOPBACK_NAMES.has(name);
}
