/**
 * The Relay modules as ordinary API Gateway HTTP API v2 handlers: each module's
 * exported `handler`, configured only through its environment as `turnout dev` and the
 * stacks configure it, answers v2 events with v2 results, and its manifest's smoke
 * checks pass against a fresh deployment holding only the seed.
 */
import { randomUUID } from 'node:crypto';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gatepassManifest from '../modules/gatepass/module.ts';
import { fillSmokeCheck, type ModuleManifest, type SmokeCheck } from '../modules/kit/index.ts';
import loadsManifest from '../modules/loads/module.ts';
import messageManifest from '../modules/message/module.ts';
import navigateManifest from '../modules/navigate/module.ts';
import seedNavigateModule from '../modules/navigate/seed.ts';
import {
  apiGatewayV2Event,
  LOCAL_TEST_CREDENTIALS,
  type ProvisionedResources,
  type RelayServices,
  sqsEvent,
  startRelayServices,
  type V2EventInput,
} from './relay-test-kit.ts';

type V2Handler = (event: APIGatewayProxyEventV2) => Promise<unknown>;

const DISPATCH = { sub: 'dispatcher-7', scopes: ['dispatch'] };

const MANIFESTS = [messageManifest, navigateManifest, gatepassManifest, loadsManifest];
let services: RelayServices;
let provisioned: Record<string, ProvisionedResources>;
const handlers: Record<string, V2Handler> = {};

beforeAll(async () => {
  services = await startRelayServices();
  provisioned = {};
  for (const manifest of MANIFESTS) {
    provisioned[manifest.name] = await services.provision(manifest);
    Object.assign(process.env, provisioned[manifest.name]?.environment);
  }
  // As `turnout dev` does: the module's seed.ts default export.
  await seedNavigateModule({
    documents: services.clients.documents,
    tables: provisioned.navigate?.tables ?? {},
  });
  // What the local Lambda service gives a function: the SDK reads these by itself.
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: services.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: services.endpoints.sqs,
  });
  for (const manifest of MANIFESTS) {
    const module = await import(`../modules/${manifest.name}/handler.ts`);
    handlers[manifest.name] = module.handler;
  }
});

afterAll(() => services?.stop());

async function call(module: string, input: V2EventInput) {
  const handler = handlers[module] as V2Handler;
  const result = (await handler(apiGatewayV2Event(input))) as APIGatewayProxyStructuredResultV2;
  const body = result.body ? JSON.parse(result.body) : undefined;
  return { result, status: result.statusCode, body };
}

describe('each Relay module as an API Gateway v2 handler', () => {
  it('message sends through its queue, and the same handler delivers the SQS batch', async () => {
    const sent = await call('message', {
      method: 'POST',
      path: '/message/drivers/D-77/messages',
      body: { text: 'Your load is ready at door 4.', from: 'DFW7' },
      caller: DISPATCH,
    });
    expect(sent.status).toBe(202);
    expect(sent.result.headers?.['content-type']).toMatch(/application\/json/);
    expect(sent.result.isBase64Encoded).toBe(false);
    const queued = await services.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: provisioned.message?.queues.deliveries?.url,
        MaxNumberOfMessages: 10,
      }),
    );
    const records = (queued.Messages ?? [])
      .filter((m) => m.Body?.includes('D-77'))
      .map((m) => ({ messageId: m.MessageId as string, body: m.Body as string }));
    expect(records).toHaveLength(1);
    const handler = handlers.message as unknown as (event: unknown) => Promise<unknown>;
    expect(await handler(sqsEvent(records))).toEqual({ batchItemFailures: [] });
    const listed = await call('message', {
      method: 'GET',
      path: '/message/drivers/D-77/messages',
      caller: { sub: 'driver-D-77', scopes: ['messages:read'] },
    });
    expect(listed.body.messages[0]).toMatchObject({
      messageId: sent.body.message.messageId,
      status: 'delivered',
    });
  });

  it('navigate answers a route', async () => {
    const { status, body } = await call('navigate', {
      method: 'GET',
      path: '/navigate/route?from=HOU2&to=OKC1',
    });
    expect(status).toBe(200);
    expect(body.route.facilityIds).toEqual(['HOU2', 'DFW7', 'OKC1']);
    expect(body.route.totalMiles).toBe(445);
  });

  it('gatepass issues a pass and admits it at its facility', async () => {
    const issued = await call('gatepass', {
      method: 'POST',
      path: '/gatepass',
      body: { loadId: 'L-V2-1', facilityId: 'MEM1', validMinutes: 30 },
      caller: { sub: 'driver-D1', scopes: ['gatepass:write'] },
    });
    expect(issued.status).toBe(201);
    const { passId, code } = issued.body.pass;
    const checked = await call('gatepass', {
      method: 'POST',
      path: `/gatepass/${passId}/check`,
      body: { facilityId: 'MEM1', code },
      caller: { sub: 'gate-MEM1', scopes: ['gatepass:check'] },
    });
    expect(checked.status).toBe(200);
    expect(checked.body.admitted).toBe(true);
  });

  it('loads creates a load and refuses a skipped step with the JSON error', async () => {
    const created = await call('loads', {
      method: 'POST',
      path: '/loads',
      body: {
        stops: [
          { facilityId: 'DFW7', type: 'pickup', plannedAt: '2026-03-01T08:00:00Z' },
          { facilityId: 'ATL6', type: 'delivery', plannedAt: '2026-03-02T08:00:00Z' },
        ],
      },
      caller: DISPATCH,
    });
    expect(created.status).toBe(201);
    const skipped = await call('loads', {
      method: 'POST',
      path: `/loads/${created.body.load.loadId}/status`,
      body: { status: 'delivered' },
      caller: DISPATCH,
    });
    expect(skipped.status).toBe(409);
    expect(skipped.body.error).toMatchObject({ code: 'TRANSITION_REFUSED', current: 'planned' });
  });

  it('answers an unknown path under a module prefix with a JSON 404', async () => {
    const { status, body } = await call('navigate', { method: 'GET', path: '/navigate/nowhere' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });
});

describe('the smoke checks in the Relay manifests', () => {
  const restChecks = (manifest: ModuleManifest) =>
    manifest.smokeChecks.flatMap((check: SmokeCheck) => ('rest' in check ? [check] : []));

  it.each(MANIFESTS.map((m) => [m.name, m] as const))(
    '%s: every check passes against a fresh deployment, and again on the next one',
    async (name, manifest) => {
      const checks = restChecks(manifest);
      expect(checks.length).toBeGreaterThan(0);
      for (const run of ['first', 'second']) {
        // As runSmokeChecks does: one {{uuid}} per run, the checks in order.
        const values = { uuid: randomUUID() };
        for (const check of checks) {
          const { name: checkName, rest, caller } = fillSmokeCheck(check, values);
          const { status } = await call(name, {
            method: rest.method,
            path: rest.path,
            body: rest.body,
            caller,
          });
          expect(status, `${run} run: ${checkName}`).toBe(rest.expectStatus);
        }
      }
    },
  );
});
