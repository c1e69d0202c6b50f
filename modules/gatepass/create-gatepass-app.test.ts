import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { jsonOf, type RelayServices } from '../../test/relay-test-kit.ts';
import { callerEnv } from '../../test/support/caller-env.ts';
import { jsonPost } from '../../test/support/json-post.ts';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import { createIdempotencyStore, readKnownIds } from '../kit/index.ts';
import { createGatepassApp } from './create-gatepass-app.ts';
import manifest from './module.ts';
import { RETENTION_SECONDS } from './pass-keys.ts';

let services: RelayServices;
let passesTable: string;
let app: ReturnType<typeof createGatepassApp>;
// Far ahead of the real clock: DynamoDB Local's TTL sweeper deletes items whose
// expiresAt has passed in real time, which would make passes vanish mid-test.
const start = Date.parse('2099-03-01T08:00:00Z');
let nowMs = start;
const minutes = (n: number) => n * 60_000;

setUpRelayModule(manifest, (relay) => {
  services = relay.services;
  passesTable = relay.resources.tables.passes as string;
  app = createGatepassApp({
    documents: services.clients.documents,
    tables: { passes: passesTable },
    clock: { now: () => nowMs },
    idempotency: createIdempotencyStore({
      documents: services.clients.documents,
      tableName: relay.resources.tables.idempotency as string,
    }),
    facilities: readKnownIds(manifest.runtime.environment.TURNOUT_FACILITIES?.default),
  });
});

/** The callers: the driver a pass is for, another driver, dispatch, and the gate's kiosk. */
const DRIVER = callerEnv('driver-D1', ['gatepass:write']);
const OTHER_DRIVER = callerEnv('driver-D2', ['gatepass:write']);
const DISPATCH = callerEnv('dispatcher-7', ['dispatch']);
const GATE = callerEnv('gate-DFW7', ['gatepass:check']);

/** No authorizer in the request context: what the module sees of a request without a token. */
const ANONYMOUS = {};

type Env = ReturnType<typeof callerEnv> | typeof ANONYMOUS;

const post = (
  path: string,
  body: unknown,
  env: Env = DRIVER,
  headers: Record<string, string> = {},
) => {
  const init = jsonPost(body);
  return app.request(path, { ...init, headers: { ...init.headers, ...headers } }, env);
};
const read = (passId: string, env: Env = DRIVER) => app.request(`/gatepass/${passId}`, {}, env);
const check = (passId: string, body: unknown, env: Env = GATE) =>
  post(`/gatepass/${passId}/check`, body, env);

async function issue(body: Record<string, unknown>, env: Env = DRIVER) {
  return post('/gatepass', { facilityId: 'DFW7', validMinutes: 120, ...body }, env);
}

async function storedItems() {
  const output = await services.clients.documents.send(
    new ScanCommand({ TableName: passesTable, ConsistentRead: true }),
  );
  return (output.Items ?? []).sort((a, b) => String(a.pk).localeCompare(String(b.pk)));
}

describe('POST /gatepass', () => {
  it('issues a pass with a gate code and a valid window', async () => {
    nowMs = start;
    const response = await issue({ loadId: 'L-1001', validMinutes: 90 });
    expect(response.status).toBe(201);
    const { pass } = await jsonOf(response);
    expect(pass).toMatchObject({
      loadId: 'L-1001',
      facilityId: 'DFW7',
      validFrom: '2099-03-01T08:00:00.000Z',
      validUntil: '2099-03-01T09:30:00.000Z',
      issuedAt: '2099-03-01T08:00:00.000Z',
    });
    expect(pass.passId).toMatch(/^gp_[0-9a-f]{16}$/);
    expect(pass.code).toMatch(/^[A-Z0-9]{6}$/);
    expect(pass.driver).toBe('driver-D1');
    expect((await jsonOf(await read(pass.passId))).pass).toEqual(pass);
  });

  it('sets the TTL attribute a retention period after the window ends', async () => {
    const items = await storedItems();
    const passItem = items.find((item) => item.loadId === 'L-1001');
    const validUntilSeconds = Date.parse('2099-03-01T09:30:00Z') / 1000;
    expect(passItem?.expiresAt).toBe(validUntilSeconds + RETENTION_SECONDS);
  });

  it('refuses a second pass for the same load with 409 naming the existing pass', async () => {
    const first = await jsonOf(await issue({ loadId: 'L-1002' }));
    const before = await storedItems();
    const response = await issue({ loadId: 'L-1002', facilityId: 'ATL6' });
    expect(response.status).toBe(409);
    const { error } = await jsonOf(response);
    expect(error).toMatchObject({ code: 'PASS_ALREADY_ISSUED', passId: first.pass.passId });
    expect(error.message).toContain(first.pass.passId);
    expect(await storedItems()).toEqual(before);
  });

  it('issues exactly one pass when two requests for a load race', async () => {
    const responses = await Promise.all([
      issue({ loadId: 'L-1003' }),
      issue({ loadId: 'L-1003' }),
      issue({ loadId: 'L-1003' }),
    ]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
    const passes = (await storedItems()).filter((item) => item.loadId === 'L-1003');
    expect(passes).toHaveLength(1);
  });

  it('honours a validFrom in the future', async () => {
    const response = await issue({ loadId: 'L-1004', validFrom: '2099-03-02T06:00:00-06:00' });
    const { pass } = await jsonOf(response);
    expect(pass.validFrom).toBe('2099-03-02T12:00:00.000Z');
    expect(pass.validUntil).toBe('2099-03-02T14:00:00.000Z');
  });

  it.each([
    ['a missing load id', { loadId: undefined }, 'INVALID_BODY', 'loadId'],
    ['a malformed load id', { loadId: 'L 1/2' }, 'INVALID_BODY', 'loadId'],
    [
      'a malformed facility',
      { loadId: 'L-2001', facilityId: 'Dallas' },
      'INVALID_BODY',
      'facilityId',
    ],
    ['a window too long', { loadId: 'L-2001', validMinutes: 5000 }, 'INVALID_BODY', 'validMinutes'],
    [
      'a fractional window',
      { loadId: 'L-2001', validMinutes: 1.5 },
      'INVALID_BODY',
      'validMinutes',
    ],
    ['a bad validFrom', { loadId: 'L-2001', validFrom: 'tomorrow' }, 'INVALID_BODY', 'validFrom'],
    [
      'a window already over',
      { loadId: 'L-2001', validFrom: '2026-02-01T00:00:00Z' },
      'INVALID_WINDOW',
      'already over',
    ],
    ['an unknown field', { loadId: 'L-2001', gate: 3 }, 'INVALID_BODY', 'gate'],
    [
      'an unknown facility',
      { loadId: 'L-2001', facilityId: 'ZZZ1' },
      'UNKNOWN_FACILITY',
      'facilityId: "ZZZ1" is not a known facility; known: ATL6, BNA3',
    ],
  ])('refuses %s with a 400 and stores nothing', async (_, body, code, hint) => {
    const before = await storedItems();
    const response = await issue(body);
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error.code).toBe(code);
    expect(error.message).toContain(hint);
    expect(await storedItems()).toEqual(before);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await post('/gatepass', '{loadId:');
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.code).toBe('INVALID_JSON');
  });
});

describe('GET /gatepass/:passId', () => {
  it('answers 404 for a pass never issued', async () => {
    const response = await read('gp_0000000000000000');
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error.code).toBe('PASS_NOT_FOUND');
  });

  it('answers 400 for a malformed pass id', async () => {
    const response = await read('not-a-pass');
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain('passId');
  });
});

describe('POST /gatepass/:passId/check', () => {
  async function issuedPass(loadId: string, body: Record<string, unknown> = {}) {
    nowMs = start;
    return (await jsonOf(await issue({ loadId, validMinutes: 60, ...body }))).pass;
  }

  it('admits a valid pass at its facility and counts the admission', async () => {
    const pass = await issuedPass('L-3001');
    nowMs = start + minutes(30);
    const response = await check(pass.passId, { facilityId: 'dfw7', code: pass.code });
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({
      admitted: true,
      passId: pass.passId,
      loadId: 'L-3001',
      facilityId: 'DFW7',
      validUntil: pass.validUntil,
      admittedAt: '2099-03-01T08:30:00.000Z',
    });
    const admitted = await jsonOf(await read(pass.passId));
    expect(admitted.pass).toMatchObject({
      admissions: 1,
      lastAdmittedAt: '2099-03-01T08:30:00.000Z',
    });
  });

  it('refuses the pass at another facility with 403 and records nothing', async () => {
    const pass = await issuedPass('L-3002');
    const response = await check(pass.passId, { facilityId: 'ATL6', code: pass.code });
    expect(response.status).toBe(403);
    const { error } = await jsonOf(response);
    expect(error).toEqual({
      code: 'WRONG_FACILITY',
      message: `Pass ${pass.passId} is for DFW7, not ATL6.`,
    });
    expect((await jsonOf(await read(pass.passId))).pass).toEqual(pass);
  });

  it('refuses a pass before its window with 403', async () => {
    const pass = await issuedPass('L-3003', { validFrom: '2099-03-01T12:00:00Z' });
    nowMs = Date.parse('2099-03-01T11:59:59Z');
    const response = await check(pass.passId, { facilityId: 'DFW7', code: pass.code });
    expect(response.status).toBe(403);
    expect((await jsonOf(response)).error.code).toBe('NOT_YET_VALID');
  });

  it('refuses an expired pass with 410, from the last millisecond on', async () => {
    const pass = await issuedPass('L-3004');
    nowMs = start + minutes(60) - 1;
    expect((await check(pass.passId, { facilityId: 'DFW7', code: pass.code })).status).toBe(200);
    nowMs = start + minutes(60);
    const response = await check(pass.passId, { facilityId: 'DFW7', code: pass.code });
    expect(response.status).toBe(410);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('PASS_EXPIRED');
    expect(error.message).toContain('expired at 2099-03-01T09:00:00.000Z');
    expect((await jsonOf(await read(pass.passId))).pass.admissions).toBe(1);
  });

  it('answers 404 for a pass never issued', async () => {
    const response = await check('gp_00000000000000ff', { facilityId: 'DFW7', code: 'AAAAAA' });
    expect(response.status).toBe(404);
  });

  it('refuses a check without a facility with a 400', async () => {
    const pass = await issuedPass('L-3005');
    const response = await check(pass.passId, { code: pass.code });
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain('facilityId');
    expect((await jsonOf(await read(pass.passId))).pass).toEqual(pass);
  });
});

describe('who may issue, read and check a pass', () => {
  async function issuedTo(loadId: string, env: Env = DRIVER) {
    nowMs = start;
    const response = await issue({ loadId, validMinutes: 60 }, env);
    expect(response.status).toBe(201);
    return (await jsonOf(response)).pass;
  }

  it('refuses anonymous callers with 401 and stores nothing', async () => {
    const pass = await issuedTo('L-5001');
    const before = await storedItems();
    const refused = [
      await issue({ loadId: 'L-5002' }, ANONYMOUS),
      await read(pass.passId, ANONYMOUS),
      await check(pass.passId, { facilityId: 'DFW7', code: pass.code }, ANONYMOUS),
    ];
    for (const response of refused) {
      expect(response.status).toBe(401);
      expect((await jsonOf(response)).error.code).toBe('UNAUTHENTICATED');
    }
    expect(await storedItems()).toEqual(before);
  });

  it('does not tell another driver which pass a load already has', async () => {
    await issuedTo('L-5003');
    const before = await storedItems();
    const response = await issue({ loadId: 'L-5003' }, OTHER_DRIVER);
    expect(response.status).toBe(409);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('PASS_ALREADY_ISSUED');
    expect(error.passId).toBeUndefined();
    expect(error.message).not.toMatch(/gp_/);
    expect(await storedItems()).toEqual(before);
  });

  it('refuses another driver a pass and its gate code with 403', async () => {
    const pass = await issuedTo('L-5004');
    const response = await read(pass.passId, OTHER_DRIVER);
    expect(response.status).toBe(403);
    const body = await jsonOf(response);
    expect(body.error.code).toBe('FORBIDDEN');
    expect(JSON.stringify(body)).not.toContain(pass.code);
  });

  it('refuses a driver who asks for a pass in another driver’s name, storing nothing', async () => {
    const before = await storedItems();
    const response = await issue({ loadId: 'L-5005', driver: 'driver-D2' }, DRIVER);
    expect(response.status).toBe(403);
    expect(await storedItems()).toEqual(before);
  });

  it('lets dispatch issue a pass for a driver and read any pass', async () => {
    const pass = await issuedTo('L-5006', DISPATCH);
    expect(pass.driver).toBe('dispatcher-7');
    const forDriver = await jsonOf(
      await issue({ loadId: 'L-5007', driver: 'driver-D2' }, DISPATCH),
    );
    expect(forDriver.pass.driver).toBe('driver-D2');
    expect((await read(forDriver.pass.passId, OTHER_DRIVER)).status).toBe(200);
    expect((await read(forDriver.pass.passId, DISPATCH)).status).toBe(200);
    const again = await jsonOf(await issue({ loadId: 'L-5007' }, DISPATCH));
    expect(again.error.passId).toBe(forDriver.pass.passId);
  });

  it('admits nobody without the pass’s gate code, and counts nothing', async () => {
    const pass = await issuedTo('L-5008');
    const without = await check(pass.passId, { facilityId: 'DFW7' });
    expect(without.status).toBe(400);
    expect((await jsonOf(without)).error.message).toContain('code');
    const wrong = pass.code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
    const guessed = await check(pass.passId, { facilityId: 'DFW7', code: wrong });
    expect(guessed.status).toBe(403);
    expect((await jsonOf(guessed)).error.code).toBe('WRONG_CODE');
    expect((await jsonOf(await read(pass.passId))).pass).toEqual(pass);
  });

  it('lets only the gate check passes, not a driver', async () => {
    const pass = await issuedTo('L-5009');
    const response = await check(pass.passId, { facilityId: 'DFW7', code: pass.code }, DRIVER);
    expect(response.status).toBe(403);
    expect((await jsonOf(await read(pass.passId))).pass).toEqual(pass);
  });
});

describe('a retried issue', () => {
  it('issues one pass for requests sent again with the same Idempotency-Key', async () => {
    nowMs = start;
    const body = { loadId: 'L-6001', facilityId: 'DFW7', validMinutes: 60 };
    const key = { 'idempotency-key': 'issue-L-6001' };
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => post('/gatepass', body, DRIVER, key)),
    );
    const retry = await post('/gatepass', body, DRIVER, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const { pass } = await jsonOf(retry);
    for (const response of responses) {
      expect([201, 409]).toContain(response.status);
      const answer = await jsonOf(response);
      if (response.status === 201) expect(answer.pass).toEqual(pass);
      else expect(answer.error.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    }
    const passes = (await storedItems()).filter((item) => item.loadId === 'L-6001');
    expect(passes).toHaveLength(1);
  });
});
