import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { jsonOf, type RelayServices } from '../../test/relay-test-kit.ts';
import { callerEnv } from '../../test/support/caller-env.ts';
import { jsonPost } from '../../test/support/json-post.ts';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import { createIdempotencyStore, readKnownIds } from '../kit/index.ts';
import { createLoadsApp } from './create-loads-app.ts';
import { LOAD_STATUSES, type LoadStatus, NEXT_STATUSES } from './load-status.ts';
import manifest from './module.ts';

let services: RelayServices;
let loadsTable: string;
let app: ReturnType<typeof createLoadsApp>;
let nowMs = Date.parse('2026-03-01T06:00:00Z');

setUpRelayModule(manifest, (relay) => {
  services = relay.services;
  loadsTable = relay.resources.tables.loads as string;
  app = createLoadsApp({
    documents: services.clients.documents,
    tables: { loads: loadsTable },
    clock: { now: () => nowMs },
    idempotency: createIdempotencyStore({
      documents: services.clients.documents,
      tableName: relay.resources.tables.idempotency as string,
    }),
    facilities: readKnownIds(manifest.runtime.environment.TURNOUT_FACILITIES?.default),
  });
});

/** Dispatch plans loads; a driver reads them; no authorizer is an anonymous request. */
const DISPATCH = callerEnv('dispatcher-7', ['dispatch']);
const DRIVER = callerEnv('driver-D1', ['gatepass:write', 'messages:read']);
const ANONYMOUS = {};

const post = (path: string, body?: unknown, env: object = DISPATCH, headers = {}) => {
  const init = jsonPost(body);
  return app.request(path, { ...init, headers: { ...init.headers, ...headers } }, env);
};
const get = (path: string, env: object = DISPATCH) => app.request(path, {}, env);

const STOPS = [
  { facilityId: 'DFW7', type: 'pickup', plannedAt: '2026-03-01T08:00:00Z' },
  { facilityId: 'MEM1', type: 'delivery', plannedAt: '2026-03-01T16:00:00Z' },
  { facilityId: 'BNA3', type: 'delivery', plannedAt: '2026-03-01T20:00:00Z' },
];

async function newLoad(loadId: string) {
  const response = await post('/loads', { loadId, stops: STOPS });
  expect(response.status).toBe(201);
  return (await jsonOf(response)).load;
}

async function stored(loadId: string) {
  const output = await services.clients.documents.send(
    new GetCommand({ TableName: loadsTable, Key: { loadId }, ConsistentRead: true }),
  );
  return output.Item;
}

async function moveTo(loadId: string, status: LoadStatus) {
  return post(`/loads/${loadId}/status`, { status });
}

describe('POST /loads', () => {
  it('creates a planned load with its stops numbered in order', async () => {
    const load = await newLoad('L-1000');
    expect(load).toMatchObject({
      loadId: 'L-1000',
      status: 'planned',
      history: [{ status: 'planned', at: '2026-03-01T06:00:00.000Z' }],
    });
    expect(
      load.stops.map((s: { seq: number; facilityId: string }) => [s.seq, s.facilityId]),
    ).toEqual([
      [1, 'DFW7'],
      [2, 'MEM1'],
      [3, 'BNA3'],
    ]);
    expect(await jsonOf(await get('/loads/L-1000'))).toEqual({ load });
  });

  it('gives a load an id when the caller does not', async () => {
    const response = await post('/loads', { stops: STOPS });
    expect((await jsonOf(response)).load.loadId).toMatch(/^L-[0-9A-F]{10}$/);
  });

  it('refuses an id that exists with 409 and leaves the load as it was', async () => {
    const before = await stored('L-1000');
    const response = await post('/loads', { loadId: 'L-1000', stops: STOPS.slice(0, 2) });
    expect(response.status).toBe(409);
    expect((await jsonOf(response)).error.code).toBe('LOAD_EXISTS');
    expect(await stored('L-1000')).toEqual(before);
  });

  it.each([
    ['one stop', [STOPS[0]], 'at least two stops'],
    ['a delivery first', [STOPS[1], STOPS[2]], 'stops.0.type: the first stop is a pickup'],
    [
      'a pickup last',
      [STOPS[0], { ...STOPS[0], plannedAt: '2026-03-01T09:00:00Z' }],
      'stops.1.type',
    ],
    ['times out of order', [STOPS[0], STOPS[2], STOPS[1]], 'stops.2.plannedAt'],
    ['a bad facility', [{ ...STOPS[0], facilityId: 'Dallas' }, STOPS[1]], 'stops.0.facilityId'],
    ['a bad time', [{ ...STOPS[0], plannedAt: 'soon' }, STOPS[1]], 'stops.0.plannedAt'],
    ['a bad stop type', [{ ...STOPS[0], type: 'drop' }, STOPS[1]], 'stops.0.type'],
  ])('refuses %s with a 400 naming the problem, storing nothing', async (_, stops, hint) => {
    const response = await post('/loads', { loadId: 'L-BAD', stops });
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('INVALID_BODY');
    expect(error.message).toContain(hint);
    expect(await stored('L-BAD')).toBeUndefined();
  });

  it('refuses a stop at an unknown facility with a 400 naming the stop and the known facilities, storing nothing', async () => {
    const stops = [STOPS[0], { ...STOPS[1], facilityId: 'ZZZ1' }];
    const response = await post('/loads', { loadId: 'L-ZZZ', stops });
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('UNKNOWN_FACILITY');
    expect(error.message).toContain('stops.1.facilityId: "ZZZ1" is not a known facility; known:');
    expect(error.message).toContain('DFW7');
    expect(await stored('L-ZZZ')).toBeUndefined();
  });

  it('refuses a malformed load id', async () => {
    const response = await post('/loads', { loadId: 'L 1', stops: STOPS });
    expect((await jsonOf(response)).error.message).toContain('loadId');
    expect(await stored('L 1')).toBeUndefined();
  });
});

describe('GET /loads/:loadId', () => {
  it('answers 404 for an unknown load', async () => {
    const response = await get('/loads/L-NOPE');
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error).toEqual({
      code: 'LOAD_NOT_FOUND',
      message: 'There is no load "L-NOPE".',
    });
  });

  it('answers 400 for a malformed load id', async () => {
    expect((await get('/loads/x')).status).toBe(400);
  });
});

describe('POST /loads/:loadId/status', () => {
  it('moves a load forward through every status to delivered, recording each step', async () => {
    await newLoad('L-2000');
    const path: LoadStatus[] = [
      'dispatched',
      'at_pickup',
      'in_transit',
      'at_delivery',
      'delivered',
    ];
    for (const status of path) {
      nowMs += 60_000;
      const response = await moveTo('L-2000', status);
      expect(response.status).toBe(200);
      expect((await jsonOf(response)).load.status).toBe(status);
    }
    const load = await stored('L-2000');
    expect(load?.history.map((h: { status: string }) => h.status)).toEqual(['planned', ...path]);
  });

  it('refuses a skipped step with 409 naming the current status and the allowed ones', async () => {
    await newLoad('L-2001');
    const before = await stored('L-2001');
    const response = await moveTo('L-2001', 'in_transit');
    expect(response.status).toBe(409);
    const { error } = await jsonOf(response);
    expect(error).toEqual({
      code: 'TRANSITION_REFUSED',
      message:
        'Load L-2001 is planned; it cannot move to in_transit. From planned it can move to: dispatched, cancelled.',
      current: 'planned',
      allowed: ['dispatched', 'cancelled'],
    });
    expect(await stored('L-2001')).toEqual(before);
  });

  it('refuses a step backwards, and any step out of a final status', async () => {
    await moveTo('L-2001', 'dispatched');
    await moveTo('L-2001', 'at_pickup');
    const back = await moveTo('L-2001', 'dispatched');
    expect(back.status).toBe(409);
    expect((await jsonOf(back)).error.current).toBe('at_pickup');
    const cancel = await moveTo('L-2001', 'cancelled');
    expect((await jsonOf(cancel)).error.allowed).toEqual(['in_transit']);
    const done = await jsonOf(await moveTo('L-2000', 'planned'));
    expect(done.error.message).toContain('delivered is final');
  });

  it('cancels a load before its pickup', async () => {
    await newLoad('L-2002');
    await moveTo('L-2002', 'dispatched');
    const response = await moveTo('L-2002', 'cancelled');
    expect((await jsonOf(response)).load.status).toBe('cancelled');
    expect((await moveTo('L-2002', 'at_pickup')).status).toBe(409);
  });

  it('lets exactly one of two racing transitions from the same status win', async () => {
    // Each pair excludes itself: whichever lands first, the other is no longer allowed.
    const races: [LoadStatus, [LoadStatus, LoadStatus]][] = [
      ['planned', ['dispatched', 'dispatched']],
      ['dispatched', ['at_pickup', 'cancelled']],
    ];
    for (const [i, [from, rivals]] of races.entries()) {
      const loadId = `L-RACE-${i}`;
      await newLoad(loadId);
      if (from !== 'planned') await moveTo(loadId, from);
      const responses = await Promise.all(rivals.map((s) => moveTo(loadId, s)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const winner = await jsonOf(responses.find((r) => r.status === 200) as Response);
      const load = await stored(loadId);
      expect(load?.status).toBe(winner.load.status);
      // The creation, the move to `from` (if any), and the one winner.
      expect(load?.history).toHaveLength(from === 'planned' ? 2 : 3);
    }
  });

  it('allows only the transitions the table of next statuses lists', () => {
    for (const status of LOAD_STATUSES) {
      for (const next of NEXT_STATUSES[status]) {
        expect(LOAD_STATUSES.indexOf(next)).toBeGreaterThan(LOAD_STATUSES.indexOf(status));
      }
    }
  });

  it.each([
    ['an unknown status', { status: 'lost' }, 'status'],
    ['no status', {}, 'status'],
  ])('refuses %s with a 400', async (_, body, hint) => {
    const before = await stored('L-2002');
    const response = await post('/loads/L-2002/status', body);
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain(hint);
    expect(await stored('L-2002')).toEqual(before);
  });

  it('answers 404 for an unknown load', async () => {
    const response = await moveTo('L-NOPE', 'dispatched');
    expect(response.status).toBe(404);
  });
});

describe('POST /loads/:loadId/stops/:seq/arrive', () => {
  it('records the arrival time at a stop, once', async () => {
    await newLoad('L-3000');
    await moveTo('L-3000', 'dispatched');
    nowMs = Date.parse('2026-03-01T07:55:00Z');
    const response = await post('/loads/L-3000/stops/1/arrive');
    expect(response.status).toBe(200);
    const { load } = await jsonOf(response);
    expect(load.stops[0].arrivedAt).toBe('2026-03-01T07:55:00.000Z');
    const before = await stored('L-3000');
    const again = await post('/loads/L-3000/stops/1/arrive', { arrivedAt: '2026-03-01T07:56:00Z' });
    expect(again.status).toBe(409);
    const { error } = await jsonOf(again);
    expect(error.code).toBe('STOP_ALREADY_ARRIVED');
    expect(error.message).toContain('2026-03-01T07:55:00.000Z');
    expect(await stored('L-3000')).toEqual(before);
  });

  it('takes the arrival time the device reports', async () => {
    nowMs = Date.parse('2026-03-01T16:10:00Z');
    const response = await post('/loads/L-3000/stops/2/arrive', {
      arrivedAt: '2026-03-01T10:02:00-06:00',
    });
    expect((await jsonOf(response)).load.stops[1].arrivedAt).toBe('2026-03-01T16:02:00.000Z');
  });

  it('refuses an arrival on a load that is not under way', async () => {
    await newLoad('L-3001');
    const before = await stored('L-3001');
    const response = await post('/loads/L-3001/stops/1/arrive');
    expect(response.status).toBe(409);
    expect((await jsonOf(response)).error.code).toBe('LOAD_NOT_UNDER_WAY');
    expect(await stored('L-3001')).toEqual(before);
  });

  it.each([
    ['a stop the load does not have', '/loads/L-3000/stops/4/arrive', {}, 404, 'STOP_NOT_FOUND'],
    ['a stop number that is not one', '/loads/L-3000/stops/first/arrive', {}, 400, 'INVALID_PATH'],
    ['stop zero', '/loads/L-3000/stops/0/arrive', {}, 400, 'INVALID_PATH'],
    ['an unknown load', '/loads/L-NOPE/stops/1/arrive', {}, 404, 'LOAD_NOT_FOUND'],
    [
      'an arrival in the future',
      '/loads/L-3000/stops/3/arrive',
      { arrivedAt: '2026-03-02T00:00:00Z' },
      400,
      'ARRIVAL_IN_FUTURE',
    ],
    ['a bad time', '/loads/L-3000/stops/3/arrive', { arrivedAt: 'now' }, 400, 'INVALID_BODY'],
  ])('refuses %s, changing nothing', async (_, path, body, status, code) => {
    const before = await stored('L-3000');
    const response = await post(path, body);
    expect(response.status).toBe(status);
    expect((await jsonOf(response)).error.code).toBe(code);
    expect(await stored('L-3000')).toEqual(before);
  });
});

describe('who may read and change loads', () => {
  it('lets any signed-in caller read a load, and no anonymous one', async () => {
    await newLoad('L-4000');
    expect((await get('/loads/L-4000', DRIVER)).status).toBe(200);
    const anonymous = await get('/loads/L-4000', ANONYMOUS);
    expect(anonymous.status).toBe(401);
    expect((await jsonOf(anonymous)).error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a driver’s write with 403 and changes nothing', async () => {
    const before = await stored('L-4000');
    const response = await post('/loads/L-4000/status', { status: 'dispatched' }, DRIVER);
    expect(response.status).toBe(403);
    expect((await post('/loads', { loadId: 'L-4001', stops: STOPS }, DRIVER)).status).toBe(403);
    expect(await stored('L-4000')).toEqual(before);
    expect(await stored('L-4001')).toBeUndefined();
  });
});

describe('a retried write', () => {
  it('creates one load for a create without a load id sent again with the same key', async () => {
    const key = { 'idempotency-key': 'create-no-id-1' };
    const first = await post('/loads', { stops: STOPS }, DISPATCH, key);
    const retry = await post('/loads', { stops: STOPS }, DISPATCH, key);
    expect(first.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { load } = await jsonOf(first);
    expect((await jsonOf(retry)).load.loadId).toBe(load.loadId);
  });

  it('moves a load once for a status change sent concurrently with one key', async () => {
    await newLoad('L-4100');
    const key = { 'idempotency-key': 'dispatch-L-4100' };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () =>
        post('/loads/L-4100/status', { status: 'dispatched' }, DISPATCH, key),
      ),
    );
    for (const response of responses) expect([200, 409]).toContain(response.status);
    const load = await stored('L-4100');
    expect(load?.status).toBe('dispatched');
    expect(load?.history).toHaveLength(2);
  });
});
