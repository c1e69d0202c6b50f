import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CancelMessageMoveTaskCommand,
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../control-plane/aws/index.ts';
import { type LocalSqs, startLocalSqs } from './sqs.ts';

let local: LocalSqs;
let sqs: SQSClient;

async function queueWithDlq(name: string) {
  const dlq = await sqs.send(new CreateQueueCommand({ QueueName: `${name}-dlq` }));
  const dlqArn = await arnOf(dlq.QueueUrl as string);
  const source = await sqs.send(
    new CreateQueueCommand({
      QueueName: name,
      Attributes: {
        VisibilityTimeout: '1',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }),
      },
    }),
  );
  return { url: source.QueueUrl as string, dlqUrl: dlq.QueueUrl as string, dlqArn };
}

async function arnOf(url: string): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
  );
  return Attributes?.QueueArn as string;
}

async function receiveAll(url: string, wanted: number): Promise<string[]> {
  const bodies: string[] = [];
  await expect
    .poll(async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      bodies.push(...Messages.map((m) => m.Body as string));
      return bodies.length;
    })
    .toBeGreaterThanOrEqual(wanted);
  return bodies;
}

beforeAll(async () => {
  local = await startLocalSqs();
  sqs = new SQSClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  sqs?.destroy();
  await local?.stop();
});

describe('the local SQS', () => {
  it('hands out queue URLs on 127.0.0.1 that any client reaches, the AWS CLI too', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'reachable' }));
    expect(QueueUrl).toBe(`${local.endpoint}/000000000000/reachable`);
    // Not execFileSync: the server answering it runs in this process.
    const { stdout: cli } = await promisify(execFile)(
      'aws',
      // AWS CLI v1 ignores AWS_ENDPOINT_URL_SQS (its SQS customization picks the endpoint
      // itself), so SQS takes --endpoint-url there, as the README says.
      [
        'sqs',
        'get-queue-attributes',
        '--endpoint-url',
        local.endpoint,
        '--queue-url',
        QueueUrl as string,
        '--attribute-names',
        'QueueArn',
      ],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'local',
          AWS_SECRET_ACCESS_KEY: 'local',
        },
      },
    );
    expect(JSON.parse(cli).Attributes.QueueArn).toBe(
      'arn:aws:sqs:us-east-1:000000000000:reachable',
    );
  });

  it('moves dead letters back to their source queue with StartMessageMoveTask, and lists the task', async () => {
    const { url, dlqUrl, dlqArn } = await queueWithDlq('moves-back');
    for (const n of [1, 2, 3]) {
      await sqs.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: `letter ${n}` }));
    }
    const { TaskHandle } = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    expect(TaskHandle).toBeTruthy();
    await expect
      .poll(async () => {
        const { Results = [] } = await sqs.send(
          new ListMessageMoveTasksCommand({ SourceArn: dlqArn }),
        );
        return Results[0];
      })
      .toMatchObject({
        TaskHandle,
        Status: 'COMPLETED',
        SourceArn: dlqArn,
        ApproximateNumberOfMessagesMoved: 3,
      });
    expect((await receiveAll(url, 3)).sort()).toEqual(['letter 1', 'letter 2', 'letter 3']);
    const left = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: dlqUrl,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    expect(left.Attributes?.ApproximateNumberOfMessages).toBe('0');
  });

  it("refuses a source that is no queue's dead-letter queue, as SQS does, moving nothing", async () => {
    const { url } = await queueWithDlq('not-a-dlq');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'stays' }));
    await expect(
      sqs.send(new StartMessageMoveTaskCommand({ SourceArn: await arnOf(url) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringMatching(/dead-letter queue/),
    });
    await expect(
      sqs.send(
        new StartMessageMoveTaskCommand({
          SourceArn: 'arn:aws:sqs:us-east-1:000000000000:nowhere',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await receiveAll(url, 1)).toEqual(['stays']);
  });

  it('refuses to cancel a task that is not running', async () => {
    await expect(
      sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: 'bm8tc3VjaC10YXNr' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
