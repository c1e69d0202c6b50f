import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { foreignHostMessage, isLoopbackHost } from '../is-loopback-host.ts';
import type { LegacyAwardsData } from './legacy-award.ts';

export interface LegacyAwardsOptions {
  /** @default 0 (the OS picks) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default the awards of the sample titles and people, from awards-data.json */
  data?: LegacyAwardsData;
}

export interface LegacyAwardsService {
  /** `http://127.0.0.1:<port>`; the awards graphlet gets it as TURNOUT_AWARDS_SERVICE_URL. */
  url: string;
  /** The path and query of every request so far, oldest first: how tests see batching. */
  readonly requests: readonly string[];
  stop(): Promise<void>;
}

/** The most ids the service takes in one request, as the old service capped it. */
export const MAX_IDS_PER_REQUEST = 100;
const TCONST = /^tt\d{7,8}$/;
const NCONST = /^nm\d{7,8}$/;

/**
 * Starts the stand-in for an older awards service that a graphlet fronts, as some of
 * IMDb's graphlets front services older than GraphQL. Plain HTTP and JSON in its own
 * old shape: `GET /v1/awards?tconst=tt1,tt2` or `?nconst=nm1,nm2` answers
 * `{ ResponseStatus: "OK", Results: [{ tconst, AwardList: [...] }] }`, listing only ids
 * that have awards; a bad request answers `{ ResponseStatus: "ERR", ErrorCode, ErrorText }`.
 * It answers only requests to a loopback Host (`isLoopbackHost`): 403 for any other.
 *
 * @example
 * const awards = await startLegacyAwards();
 * await fetch(`${awards.url}/v1/awards?tconst=tt0089374`);
 * await awards.stop();
 */
export async function startLegacyAwards(
  options: LegacyAwardsOptions = {},
): Promise<LegacyAwardsService> {
  const data = options.data ?? readSampleData();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host)) {
      send(res, 403, fault('E_FORBIDDEN', foreignHostMessage(req.headers.host)));
      return;
    }
    requests.push(req.url ?? '');
    answer(data, req, res);
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readSampleData(): LegacyAwardsData {
  return JSON.parse(readFileSync(join(import.meta.dirname, 'awards-data.json'), 'utf8'));
}

function answer(data: LegacyAwardsData, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://legacy-awards');
  if (req.method === 'GET' && url.pathname === '/v1/ping') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('PONG');
    return;
  }
  if (req.method !== 'GET' || url.pathname !== '/v1/awards') {
    send(res, 404, fault('E_NO_SUCH_RESOURCE', `No resource ${req.method} ${url.pathname}`));
    return;
  }
  const lookup = readLookup(url.searchParams);
  if ('error' in lookup) {
    send(res, 400, fault('E_BAD_PARAM', lookup.error));
    return;
  }
  const awards = lookup.kind === 'tconst' ? data.titles : data.people;
  const Results = lookup.ids
    .filter((id) => awards[id]?.length)
    .map((id) => ({ [lookup.kind]: id, AwardList: awards[id] }));
  send(res, 200, { ResponseStatus: 'OK', RequestedCount: lookup.ids.length, Results });
}

type Lookup = { kind: 'tconst' | 'nconst'; ids: string[] } | { error: string };

function readLookup(params: URLSearchParams): Lookup {
  const tconst = params.get('tconst');
  const nconst = params.get('nconst');
  if ((tconst === null) === (nconst === null)) {
    return { error: 'Exactly one of tconst or nconst is required' };
  }
  const kind = tconst !== null ? 'tconst' : 'nconst';
  const ids = (tconst ?? nconst ?? '').split(',').filter(Boolean);
  const pattern = kind === 'tconst' ? TCONST : NCONST;
  const bad = ids.find((id) => !pattern.test(id));
  if (ids.length === 0 || bad !== undefined) return { error: `Invalid ${kind}: ${bad ?? ''}` };
  if (ids.length > MAX_IDS_PER_REQUEST) {
    return { error: `Too many ${kind} values: ${ids.length} > ${MAX_IDS_PER_REQUEST}` };
  }
  return { kind, ids };
}

function fault(ErrorCode: string, ErrorText: string) {
  return { ResponseStatus: 'ERR', ErrorCode, ErrorText };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
