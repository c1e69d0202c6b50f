import { defineModule } from '../kit/index.ts';

/**
 * Messages to drivers. Medium tier: a late message is a nuisance, not a stopped truck,
 * so it deploys before navigation, loads and gate passes.
 */
export default defineModule({
  name: 'message',
  owner: 'team-relay-message',
  tier: 'medium',
  description: 'Sends messages to drivers through a queue and lists them, newest first.',
  rest: { prefixes: ['/message'] },
  tables: {
    messages: {
      partitionKey: { name: 'driverId' },
      // Time-ordered ids, so a driver's messages sort oldest to newest.
      sortKey: { name: 'messageId' },
    },
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
    },
    {
      name: 'lists the smoke-test driver messages',
      rest: { method: 'GET', path: '/message/drivers/smoke-{{uuid}}/messages?limit=5' },
    },
  ],
});
