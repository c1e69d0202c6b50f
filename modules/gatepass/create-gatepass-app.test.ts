import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { jsonOf, type RelayServices } from '../../test/relay-test-kit.ts';
import { jsonPost } from '../../test/support/json-post.ts';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
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
  });
});

const post = (path: string, body: unknown) => app.request(path, jsonPost(body));

async function issue(body: Record<string, unknown>) {
  return post('/gatepass', { facilityId: 'DFW7', validMinutes: 120, ...body });
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
    const read = await jsonOf(await app.request(`/gatepass/${pass.passId}`));
    expect(read.pass).toEqual(pass);
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
    const response = await app.request('/gatepass/gp_0000000000000000');
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error.code).toBe('PASS_NOT_FOUND');
  });

  it('answers 400 for a malformed pass id', async () => {
    const response = await app.request('/gatepass/not-a-pass');
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
    const response = await post(`/gatepass/${pass.passId}/check`, { facilityId: 'dfw7' });
    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({
      admitted: true,
      passId: pass.passId,
      loadId: 'L-3001',
      facilityId: 'DFW7',
      validUntil: pass.validUntil,
      admittedAt: '2099-03-01T08:30:00.000Z',
    });
    const read = await jsonOf(await app.request(`/gatepass/${pass.passId}`));
    expect(read.pass).toMatchObject({ admissions: 1, lastAdmittedAt: '2099-03-01T08:30:00.000Z' });
  });

  it('refuses the pass at another facility with 403 and records nothing', async () => {
    const pass = await issuedPass('L-3002');
    const response = await post(`/gatepass/${pass.passId}/check`, { facilityId: 'ATL6' });
    expect(response.status).toBe(403);
    const { error } = await jsonOf(response);
    expect(error).toEqual({
      code: 'WRONG_FACILITY',
      message: `Pass ${pass.passId} is for DFW7, not ATL6.`,
    });
    expect((await jsonOf(await app.request(`/gatepass/${pass.passId}`))).pass).toEqual(pass);
  });

  it('refuses a pass before its window with 403', async () => {
    const pass = await issuedPass('L-3003', { validFrom: '2099-03-01T12:00:00Z' });
    nowMs = Date.parse('2099-03-01T11:59:59Z');
    const response = await post(`/gatepass/${pass.passId}/check`, { facilityId: 'DFW7' });
    expect(response.status).toBe(403);
    expect((await jsonOf(response)).error.code).toBe('NOT_YET_VALID');
  });

  it('refuses an expired pass with 410, from the last millisecond on', async () => {
    const pass = await issuedPass('L-3004');
    nowMs = start + minutes(60) - 1;
    expect((await post(`/gatepass/${pass.passId}/check`, { facilityId: 'DFW7' })).status).toBe(200);
    nowMs = start + minutes(60);
    const response = await post(`/gatepass/${pass.passId}/check`, { facilityId: 'DFW7' });
    expect(response.status).toBe(410);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('PASS_EXPIRED');
    expect(error.message).toContain('expired at 2099-03-01T09:00:00.000Z');
    const read = await jsonOf(await app.request(`/gatepass/${pass.passId}`));
    expect(read.pass.admissions).toBe(1);
  });

  it('answers 404 for a pass never issued', async () => {
    const response = await post('/gatepass/gp_00000000000000ff/check', { facilityId: 'DFW7' });
    expect(response.status).toBe(404);
  });

  it('refuses a check without a facility with a 400', async () => {
    const pass = await issuedPass('L-3005');
    const response = await post(`/gatepass/${pass.passId}/check`, {});
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.message).toContain('facilityId');
    expect((await jsonOf(await app.request(`/gatepass/${pass.passId}`))).pass).toEqual(pass);
  });
});
