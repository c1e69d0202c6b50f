import { describe, expect, it } from 'vitest';
import { createModuleClients } from './create-module-clients.ts';

describe('createModuleClients', () => {
  it('sends to the regional SQS endpoint, not the queue URL host', () => {
    const { sqs } = createModuleClients();
    expect(sqs.config.useQueueUrlAsEndpoint).toBe(false);
  });

  it('builds each client once, on first use', () => {
    const clients = createModuleClients();
    expect(clients.documents).toBe(clients.documents);
    expect(clients.sqs).toBe(clients.sqs);
  });
});
