import { defineModule, IDEMPOTENCY_TABLE } from '../kit/index.ts';

const DISPATCH = { sub: 'turnout-smoke', scopes: ['dispatch'] };

/**
 * Messages to drivers. Medium tier: a late message is a nuisance, not a stopped truck,
 * so it deploys before navigation, loads and gate passes.
 */
export default defineModule({
  name: 'message',
  owner: 'team-relay-message',
  tier: 'medium',
  description: 'Sends messages to drivers through a queue and lists them, newest first.',
  rest: {
    prefixes: ['/message'],
    // Refused at the gateway; the module checks again that a driver reads only their own.
    access: [
      { path: '/message', authenticated: true },
      {
        path: '/message/drivers/:driverId/messages',
        methods: ['GET'],
        scopes: [['messages:read'], ['dispatch']],
      },
      {
        path: '/message/drivers/:driverId/messages',
        methods: ['POST'],
        scopes: [['messages:write'], ['dispatch']],
      },
    ],
  },
  tables: {
    messages: {
      partitionKey: { name: 'driverId' },
      // Time-ordered ids, so a driver's messages sort oldest to newest.
      sortKey: { name: 'messageId' },
    },
    // A send retried with the same Idempotency-Key is stored and delivered once.
    idempotency: IDEMPOTENCY_TABLE,
  },
  queues: {
    deliveries: {
      visibilityTimeoutSeconds: 30,
      maxReceiveCount: 5,
      consumer: { batchSize: 10 },
    },
  },
  // A driver of its own for each smoke run ({{uuid}}), so smoke messages do not pile up
  // on one driver.
  smokeChecks: [
    {
      name: 'sends a message to a smoke-test driver',
      rest: {
        method: 'POST',
        path: '/message/drivers/smoke-{{uuid}}/messages',
        body: { text: 'Smoke check: please ignore.', from: 'turnout-pipeline' },
        expectStatus: 202,
      },
      caller: DISPATCH,
    },
    {
      name: 'lists the smoke-test driver messages',
      rest: { method: 'GET', path: '/message/drivers/smoke-{{uuid}}/messages?limit=5' },
      caller: DISPATCH,
    },
    {
      name: 'refuses an anonymous reader',
      rest: {
        method: 'GET',
        path: '/message/drivers/smoke-{{uuid}}/messages',
        expectStatus: 401,
      },
    },
  ],
});
