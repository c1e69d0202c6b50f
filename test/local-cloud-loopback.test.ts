import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FrontDoor, startFrontDoor } from '../local-cloud/front-door/index.ts';
import { type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import {
  type LocalRecoveryCluster,
  startLocalRecoveryCluster,
} from '../local-cloud/recovery-cluster/index.ts';
import {
  acceptsConnection,
  nonLoopbackAddress,
  requestWithHost,
} from './support/loopback-probes.ts';

/** Requests each service answers normally, signed or not (none checks signatures). */
const LIST_TABLES = {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
  },
  body: '{}',
};
const LIST_QUEUES = {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'AmazonSQS.ListQueues',
  },
  body: '{}',
};

const LIST_ROUTING_CONTROLS = {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'ToggleCustomerAPI.ListRoutingControls',
  },
  body: '{}',
};
const FRONT_DOOR_TOKEN = 'loopback-test';

let cloud: LocalCloud;
// The stand-ins `turnout dev --regions` adds: the ARC cluster and the front door.
let cluster: LocalRecoveryCluster;
let frontDoor: FrontDoor;
const address = nonLoopbackAddress();

beforeAll(async () => {
  cloud = await startLocalCloud();
  cluster = await startLocalRecoveryCluster({ regions: ['us-east-1'], endpointCount: 1 });
  frontDoor = await startFrontDoor({
    regions: [{ region: 'us-east-1', gatewayUrl: cloud.legacyAwards.url }],
    statusToken: FRONT_DOOR_TOKEN,
  });
}, 120_000);

afterAll(async () => {
  await frontDoor?.stop();
  await cluster?.stop();
  await cloud?.stop();
});

const services = () => [
  { name: 'DynamoDB Local', url: `${cloud.endpoints.dynamodb}/`, request: LIST_TABLES },
  { name: 'the local Lambda', url: `${cloud.endpoints.lambda}/2015-03-31/functions`, request: {} },
  { name: 'SQS (fauxqs)', url: `${cloud.endpoints.sqs}/`, request: LIST_QUEUES },
  { name: 'the legacy awards service', url: `${cloud.legacyAwards.url}/v1/ping`, request: {} },
  {
    name: 'the ARC cluster',
    url: `${cluster.endpoints[0]?.endpoint}/`,
    request: LIST_ROUTING_CONTROLS,
  },
  {
    name: 'the front door',
    url: `${frontDoor.url}/_turnout/front-door`,
    request: { headers: { 'x-turnout-health-token': FRONT_DOOR_TOKEN } },
  },
];

describe('the local cloud, reachable only from this machine', () => {
  it.skipIf(address === undefined)(
    // Skipped only on a machine with no interface but loopback: then nothing else can reach it.
    'accepts no connection on a non-loopback address of this machine',
    async () => {
      for (const service of services()) {
        const port = Number(new URL(service.url).port);
        expect([service.name, await acceptsConnection(address as string, port)]).toEqual([
          service.name,
          false,
        ]);
        expect([service.name, await acceptsConnection('127.0.0.1', port)]).toEqual([
          service.name,
          true,
        ]);
      }
    },
  );

  it('refuses a Host that is not a loopback name with 403 and says why', async () => {
    for (const service of services()) {
      const port = new URL(service.url).port;
      const refused = await requestWithHost(service.url, `evil.example:${port}`, service.request);
      expect([service.name, refused.status]).toEqual([service.name, 403]);
      expect(refused.body).toMatch(/localhost, 127\.0\.0\.1 or \[::1\]/);
    }
  });

  it('answers a request to a loopback name', async () => {
    for (const service of services()) {
      const port = new URL(service.url).port;
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
        const answered = await requestWithHost(service.url, host, service.request);
        expect([service.name, host, answered.status]).toEqual([service.name, host, 200]);
      }
    }
  });
});
