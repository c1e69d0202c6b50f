import type { ConnectionOptions } from 'node:tls';

/** Where a pool's connections go, and how they are opened. */
export interface Endpoint {
  /** `host[:port]` as the origin spells it: the Host header, and errors. */
  host: string;
  /** Without an IPv6 address' brackets, as `connect` wants it. */
  hostname: string;
  port: number;
  secure: boolean;
  /** Extra TLS options for an `https:` origin. */
  tls: ConnectionOptions | undefined;
}

/** Reads an `http:` or `https:` origin; throws a TypeError for any other scheme. */
export function parseEndpoint(origin: string, tls: ConnectionOptions | undefined): Endpoint {
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`The pool speaks http: and https:, not ${url.protocol} (origin ${origin})`);
  const secure = url.protocol === 'https:';
  return {
    host: url.host,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || (secure ? 443 : 80)),
    secure,
    tls,
  };
}
