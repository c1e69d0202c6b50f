import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module.ts';
import { describeModuleQueue } from './describe-module-queue.ts';
import type { QueueManifest } from './manifest-schema.ts';

const { queues } = defineModule({
  name: 'ratings',
  owner: 'team-ratings',
  tier: 'medium',
  graphql: { sdl: 'type Query { ok: Boolean }' },
  queues: {
    recount: {},
    ordered: { fifo: true, visibilityTimeoutSeconds: 60, maxReceiveCount: 5 },
  },
});

describe('describeModuleQueue', () => {
  it('gives a queue its dead-letter queue, kept 14 days', () => {
    const queue = describeModuleQueue('ratings', 'recount', queues.recount as QueueManifest);
    expect(queue).toMatchObject({
      name: 'turnout-ratings-recount',
      fifo: false,
      contentBasedDeduplication: false,
      visibilityTimeoutSeconds: 30,
      deadLetter: { name: 'turnout-ratings-recount-dlq', retentionSeconds: 1_209_600 },
    });
  });

  it('names a FIFO queue and its dead-letter queue .fifo, under the prefix', () => {
    const queue = describeModuleQueue(
      'ratings',
      'ordered',
      queues.ordered as QueueManifest,
      'acme',
    );
    expect(queue).toMatchObject({
      name: 'acme-ratings-ordered.fifo',
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 60,
      deadLetter: { name: 'acme-ratings-ordered-dlq.fifo' },
    });
  });

  it('redrives to the dead-letter queue after maxReceiveCount receives', () => {
    const queue = describeModuleQueue('ratings', 'ordered', queues.ordered as QueueManifest);
    expect(JSON.parse(queue.redrivePolicy('arn:aws:sqs:us-east-1:1:dlq'))).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:1:dlq',
      maxReceiveCount: 5,
    });
  });
});
