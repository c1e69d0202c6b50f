import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { foreignHostMessage, isLoopbackHost } from '../is-loopback-host.ts';
import { chooseRegions, type RegionStanding } from './choose-regions.ts';
import {
  createRegionHealthChecks,
  type HealthCheckOptions,
  type RegionHealth,
} from './create-region-health-checks.ts';
import { createTrafficStats, type RegionTraffic } from './create-traffic-stats.ts';
import { isIdempotentRequest } from './is-idempotent-request.ts';

/** The header a client names its home Region with. */
export const CLIENT_REGION_HEADER = 'x-turnout-client-region';
/** The header the front door answers with: the Region that served the request. */
export const SERVED_BY_HEADER = 'x-turnout-region';
/** The front door's status, for holders of its token (`x-turnout-health-token`). */
export const FRONT_DOOR_STATUS_PATH = '/_turnout/front-door';

export interface FrontDoorOptions {
  regions: readonly { region: string; gatewayUrl: string }[];
  /** @default 0 (a free port) */
  port?: number;
  /** Each Region's routing control, On or Off: the front door reads them as Route 53 does. */
  readRoutingControls?: () => Promise<readonly { region: string; on: boolean }[]>;
  /** How often the routing controls are read. @default 250 */
  controlIntervalMs?: number;
  healthCheck?: HealthCheckOptions;
  /** What `GET /_turnout/front-door` requires in `x-turnout-health-token`. */
  statusToken: string;
  /** Each change of a Region's health or routing control, as it happens. */
  onChange?: (event: FrontDoorEvent) => void;
}

export interface FrontDoorEvent {
  at: number;
  region: string;
  kind: 'healthy' | 'unhealthy' | 'control-on' | 'control-off';
}

/** What `GET /_turnout/front-door` answers: each Region's standing and traffic. */
export interface FrontDoorStatus {
  regions: (RegionTraffic & {
    on: boolean;
    health: RegionHealth;
    /** When its routing control was last seen to change. */
    controlChangedAt?: number;
  })[];
  events: FrontDoorEvent[];
}

export interface FrontDoor extends AsyncDisposable {
  url: string;
  status(): FrontDoorStatus;
  stop(): Promise<void>;
}

/**
 * THE FRONT DOOR IS A LOCAL STAND-IN, NOT A PRODUCT PIECE (as the local Lambda is): in AWS,
 * Route 53 latency records, each tied to a Region gateway's health check and its ARC
 * routing control, send clients to a Region; nothing of Turnout sits in the path.
 * Locally, this proxy does the same on the port clients use: it sends each client to its
 * home Region (`x-turnout-client-region`, else the lowest round-trip time), leaves out a
 * Region whose routing control is Off or whose health check fails, and, where Route 53
 * cannot, retries an idempotent request (isIdempotentRequest) on the next Region when the
 * first does not answer or answers 502, 503 or 504.
 *
 * @example
 * await using door = await startFrontDoor({ regions, statusToken, port: 4000 });
 */
export async function startFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const names = options.regions.map((r) => r.region);
  const gatewayOf = new Map(options.regions.map((r) => [r.region, r.gatewayUrl]));
  const events: FrontDoorEvent[] = [];
  const note = (region: string, kind: FrontDoorEvent['kind']) => {
    const event = { at: Date.now(), region, kind };
    events.push(event);
    if (events.length > 200) events.shift();
    options.onChange?.(event);
  };
  const health = createRegionHealthChecks(
    options.regions.map(({ region, gatewayUrl }) => ({ region, url: gatewayUrl })),
    options.healthCheck,
    (h) => note(h.region, h.healthy ? 'healthy' : 'unhealthy'),
  );
  const controls = followRoutingControls(names, options, note);
  const traffic = createTrafficStats(names);

  const standings = (): RegionStanding[] =>
    names.map((region) => ({
      region,
      on: controls.isOn(region),
      healthy: health.get(region)?.healthy ?? false,
      rttMs: health.get(region)?.rttMs,
    }));

  const status = (): FrontDoorStatus => ({
    regions: names.map((region) => ({
      ...traffic.read(region),
      on: controls.isOn(region),
      controlChangedAt: controls.changedAt(region),
      health: health.get(region) as RegionHealth,
    })),
    events: [...events],
  });

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      serve(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        if (!res.headersSent) answerJson(res, 500, `The front door failed: ${String(error)}`);
        else res.destroy();
      });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    if (!isLoopbackHost(req.headers.host))
      return answerJson(res, 403, foreignHostMessage(req.headers.host));
    const path = req.url ?? '/';
    if (path.split('?')[0] === FRONT_DOOR_STATUS_PATH) {
      if (!tokenMatches(req.headers['x-turnout-health-token'], options.statusToken))
        return answerJson(
          res,
          401,
          `${FRONT_DOOR_STATUS_PATH} needs the front door's token in x-turnout-health-token (from .turnout/endpoints.json).`,
        );
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status()));
      return;
    }
    const home = req.headers[CLIENT_REGION_HEADER];
    if (home !== undefined && (typeof home !== 'string' || !gatewayOf.has(home)))
      return answerJson(
        res,
        400,
        `${CLIENT_REGION_HEADER} must name one of this front door's Regions (${names.join(', ')}), not ${JSON.stringify(home)}; leave it out to be sent to the nearest.`,
      );
    const method = req.method ?? 'GET';
    const retryable = isIdempotentRequest({ method, path, headers: req.headers, body });
    const candidates = chooseRegions(standings(), home);
    if (candidates.length === 0)
      return answerJson(res, 503, 'No Region is on: every routing control is Off.');
    let lastFailure = '';
    for (const [i, region] of candidates.entries()) {
      const last = i === candidates.length - 1 || !retryable;
      const started = performance.now();
      try {
        const answer = await fetch(new URL(path, gatewayOf.get(region)), {
          method,
          headers: forwardedHeaders(req),
          body: method === 'GET' || method === 'HEAD' ? undefined : body,
          redirect: 'manual',
        });
        const payload = Buffer.from(await answer.arrayBuffer());
        const failed = answer.status >= 500;
        const unavailable = answer.status === 502 || answer.status === 503 || answer.status === 504;
        traffic.record(region, performance.now() - started, failed, unavailable && !last);
        if (unavailable && !last) {
          lastFailure = `${region} answered ${answer.status}`;
          continue;
        }
        return relay(res, answer, payload, region);
      } catch (error) {
        traffic.record(region, performance.now() - started, true, !last);
        lastFailure = `${region} did not answer (${(error as Error).message})`;
        if (last) break;
      }
    }
    answerJson(
      res,
      502,
      retryable
        ? `No Region answered: ${lastFailure}.`
        : `${lastFailure}. Not retried elsewhere: it may change data; send it again with an Idempotency-Key to let it be retried safely.`,
    );
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([health.stop(), controls.stop()]);
    })();
    return stopped;
  };
  return { url: `http://127.0.0.1:${port}`, status, stop, [Symbol.asyncDispose]: stop };
}

/** Reads the routing controls every interval; a read that fails keeps the last states. */
function followRoutingControls(
  regions: readonly string[],
  options: FrontDoorOptions,
  note: (region: string, kind: FrontDoorEvent['kind']) => void,
) {
  const on = new Map(regions.map((r) => [r, true]));
  const changedAt = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    if (!options.readRoutingControls) return;
    while (running) {
      const started = Date.now();
      try {
        for (const control of await options.readRoutingControls()) {
          if (!on.has(control.region) || on.get(control.region) === control.on) continue;
          on.set(control.region, control.on);
          changedAt.set(control.region, Date.now());
          note(control.region, control.on ? 'control-on' : 'control-off');
        }
      } catch {
        // The cluster unreachable: Route 53 keeps acting on the states it last had.
      }
      const wait = (options.controlIntervalMs ?? 250) - (Date.now() - started);
      await new Promise((r) => setTimeout(r, Math.max(0, wait)));
    }
  })();
  return {
    isOn: (region: string) => on.get(region) ?? false,
    changedAt: (region: string) => changedAt.get(region),
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'upgrade',
  'proxy-connection',
  CLIENT_REGION_HEADER,
]);

function forwardedHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (HOP_BY_HOP.has(name) || value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

function relay(res: ServerResponse, answer: Response, payload: Buffer, region: string): void {
  const headers: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    // fetch has decoded the body and framed it itself.
    if (name === 'content-encoding' || name === 'content-length' || name === 'transfer-encoding')
      return;
    headers[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  headers[SERVED_BY_HEADER] = region;
  headers['content-length'] = String(payload.length);
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function answerJson(res: ServerResponse, status: number, message: string): void {
  const text = JSON.stringify({ errors: [{ message, extensions: { code: 'FRONT_DOOR' } }] });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function tokenMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
