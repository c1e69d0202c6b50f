import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import {
  BadRequestError,
  type IdempotencyStore,
  idempotentWrites,
  readInput,
  readJsonBody,
  requireIdentity,
  requireKnownId,
  restIdentity,
  useRestErrors,
} from '../kit/index.ts';
import { createLoad, type LoadStore } from './create-load.ts';
import { getLoad } from './get-load.ts';
import {
  arrivalBodySchema,
  createLoadBodySchema,
  loadParamsSchema,
  stopParamsSchema,
  transitionBodySchema,
} from './load-schemas.ts';
import { recordArrival } from './record-arrival.ts';
import { transitionLoad } from './transition-load.ts';

export interface LoadsAppOptions {
  documents: DynamoDBDocumentClient;
  /** Physical table names by logical name (module.ts). */
  tables: { loads: string };
  /** Epoch milliseconds. @default Date */
  clock?: { now(): number };
  /** Makes writes idempotent per Idempotency-Key; without it every request runs. */
  idempotency?: IdempotencyStore;
  /** The facilities a stop may be at (the manifest's TURNOUT_FACILITIES); others are refused. */
  facilities: ReadonlySet<string>;
}

/** Who changes loads: planners (loads:write) and dispatch. Any signed-in caller reads them. */
export const LOAD_WRITE_SCOPES = [['loads:write'], ['dispatch']];

/** How far ahead of the clock a reported arrival may be (device clocks drift). */
const ARRIVAL_SKEW_MS = 5 * 60_000;

/**
 * The loads module's REST API under `/loads`: reads need a signed-in caller, writes
 * `loads:write` or `dispatch`. A create or status change retried with the same
 * Idempotency-Key is applied once (a create without a load id would otherwise make a
 * second load).
 *
 * @example
 * const app = createLoadsApp({ documents, tables: { loads: 'turnout-loads-loads' } });
 * await app.request('/loads/L-1138/status', { method: 'POST', body: '{"status":"dispatched"}' });
 */
export function createLoadsApp(options: LoadsAppOptions): Hono {
  const clock = options.clock ?? Date;
  const store = (): LoadStore => ({
    documents: options.documents,
    loadsTable: options.tables.loads,
    nowMs: clock.now(),
  });
  const app = useRestErrors(new Hono());
  app.use(async (c, next) => {
    const writing = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const what = writing ? 'Changing a load' : 'Reading a load';
    requireIdentity(restIdentity(c), what, writing ? { scopes: LOAD_WRITE_SCOPES } : undefined);
    await next();
  });
  if (options.idempotency) app.use(idempotentWrites(options.idempotency));

  app.post('/loads', async (c) => {
    const body = await readJsonBody(c, createLoadBodySchema);
    for (const [index, stop] of body.stops.entries()) {
      requireKnownId(options.facilities, stop.facilityId, {
        field: `stops.${index}.facilityId`,
        noun: 'facility',
        code: 'UNKNOWN_FACILITY',
      });
    }
    return c.json({ load: await createLoad(body, store()) }, 201);
  });

  app.get('/loads/:loadId', async (c) => {
    const { loadId } = readInput(loadParamsSchema, c.req.param(), 'path');
    return c.json({ load: await getLoad(options.documents, options.tables.loads, loadId) });
  });

  app.post('/loads/:loadId/status', async (c) => {
    const { loadId } = readInput(loadParamsSchema, c.req.param(), 'path');
    const { status } = await readJsonBody(c, transitionBodySchema);
    return c.json({ load: await transitionLoad(loadId, status, store()) });
  });

  app.post('/loads/:loadId/stops/:seq/arrive', async (c) => {
    const { loadId, seq } = readInput(stopParamsSchema, c.req.param(), 'path');
    const body = (await c.req.text()).trim() ? await readJsonBody(c, arrivalBodySchema) : {};
    const { nowMs } = store();
    const arrivedAt = body.arrivedAt ? Date.parse(body.arrivedAt) : nowMs;
    if (arrivedAt > nowMs + ARRIVAL_SKEW_MS) {
      throw new BadRequestError('arrivedAt is in the future: report an arrival once it happened.', {
        code: 'ARRIVAL_IN_FUTURE',
      });
    }
    const iso = new Date(arrivedAt).toISOString();
    return c.json({ load: await recordArrival(loadId, seq, iso, { ...store(), nowMs }) });
  });

  return app;
}
