import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevEndpoints } from '../cli/dev/index.ts';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  LOCAL_CREDENTIALS,
} from '../control-plane/aws/index.ts';
import {
  spawnTurnout,
  startTurnoutDev,
  stopTurnoutDev,
  type TurnoutProcess,
  waitFor,
} from './support/turnout-process.ts';

const repo = resolve(import.meta.dirname, '..');
const FUNCTION = 'turnout-ratings';
const TITLE = 'tt0080179';
const VOTERS = ['ur20000001', 'ur20000002', 'ur20000003'];

let root: string;
let dev: TurnoutProcess;
let endpoints: DevEndpoints;
let aws: AwsClients;

async function vote(voter: string, stars: number) {
  const token = await fetch(endpoints.token as string, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub: voter, scope: 'ratings:write' }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const response = await fetch(`${endpoints.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
    body: JSON.stringify({
      query: `mutation { rateTitle(titleId: "${TITLE}", stars: ${stars}) { id } }`,
    }),
  });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

async function votesOf(titleId: string): Promise<number> {
  const { Item } = await aws.documents.send(
    new GetCommand({
      TableName: 'turnout-ratings-ratings',
      Key: { titleId },
      ConsistentRead: true,
    }),
  );
  return Number(Item?.votes ?? 0);
}

async function messagesIn(queueName: string): Promise<number> {
  const { QueueUrl } = await aws.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  const { Attributes = {} } = await aws.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
}

/** `turnout <args>` to its end; its exit code and what it printed. */
async function turnout(args: string[]) {
  const run = spawnTurnout(root, args);
  const code = await run.exited;
  return { code, output: run.output() };
}

/**
 * The ratings consumer's outage: a version whose ballots table does not exist takes the
 * `live` alias, which the votes queue's event source mapping invokes. Votes are still
 * accepted (the mutation reads only the ratings table) and every one fails to count.
 */
async function breakConsumer(): Promise<string> {
  const config = await aws.lambda.send(
    new GetFunctionConfigurationCommand({ FunctionName: FUNCTION }),
  );
  const variables = {
    ...config.Environment?.Variables,
    TURNOUT_TABLE_BALLOTS: 'turnout-ratings-gone',
  };
  await aws.lambda.send(
    new UpdateFunctionConfigurationCommand({
      FunctionName: FUNCTION,
      Environment: { Variables: variables },
    }),
  );
  const { Version } = await aws.lambda.send(new PublishVersionCommand({ FunctionName: FUNCTION }));
  const live = await aws.lambda.send(new GetAliasCommand({ FunctionName: FUNCTION, Name: 'live' }));
  await aws.lambda.send(
    new UpdateAliasCommand({ FunctionName: FUNCTION, Name: 'live', FunctionVersion: Version }),
  );
  return live.FunctionVersion as string;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'turnout-dlq-'));
  await symlink(join(repo, 'modules'), join(root, 'modules'));
  ({ dev, endpoints } = await startTurnoutDev(root));
  aws = createAwsClients({ region: endpoints.region, endpoints, credentials: LOCAL_CREDENTIALS });
}, 300_000);

afterAll(async () => {
  if (aws) destroyAwsClients(aws);
  await stopTurnoutDev(dev);
  await rm(root, { recursive: true, force: true });
});

describe('dead letters', () => {
  it('brings back votes that failed during a consumer outage, and they count once', async () => {
    const before = await votesOf(TITLE);
    const stable = await breakConsumer();
    for (const [i, voter] of VOTERS.entries()) {
      // The broken version's first invoke is cold and may time out on a loaded machine: the
      // vote is then sent again, as a client would. A voter's votes count once either way.
      let last: unknown;
      await waitFor(
        async () => {
          last = await vote(voter, 5 + i);
          return (last as { data?: unknown }).data ? true : undefined;
        },
        180_000,
        () => JSON.stringify(last),
      );
    }
    // Each is received maxReceiveCount (3) times, 5 s apart, then dead-lettered.
    const dead = await waitFor(async () => {
      const [waiting, deadLetters] = await Promise.all([
        messagesIn('turnout-ratings-votes'),
        messagesIn('turnout-ratings-votes-dlq'),
      ]);
      return waiting === 0 && deadLetters >= VOTERS.length ? deadLetters : undefined;
    }, 240_000);
    expect(await votesOf(TITLE)).toBe(before);

    const listed = await turnout(['dlq', 'ratings']);
    expect(listed.code, listed.output).toBe(0);
    expect(listed.output).toContain(`votes: ${dead} dead letters`);
    expect(listed.output).toContain('"voterId":"ur2000000');

    // The outage ends: live goes back to the version that counts.
    await aws.lambda.send(
      new UpdateAliasCommand({ FunctionName: FUNCTION, Name: 'live', FunctionVersion: stable }),
    );
    const redriven = await turnout(['dlq', 'ratings', '--redrive', '--reason', 'consumer fixed']);
    expect(redriven.code, redriven.output).toBe(0);
    expect(redriven.output).toContain(`COMPLETED: ${dead} moved back`);

    await waitFor(
      async () => ((await votesOf(TITLE)) === before + VOTERS.length ? true : undefined),
      180_000,
      () => `votes queue and DLQ not drained into ${before + VOTERS.length} votes`,
    );
    await waitFor(
      async () =>
        (await messagesIn('turnout-ratings-votes')) +
          (await messagesIn('turnout-ratings-votes-dlq')) ===
        0
          ? true
          : undefined,
      120_000,
    );
    // Drained, and each voter counted once.
    expect(await votesOf(TITLE)).toBe(before + VOTERS.length);

    const { Items = [] } = await aws.documents.send(
      new ScanCommand({
        TableName: endpoints.deploymentsTable,
        FilterExpression: 'sk = :sk',
        ExpressionAttributeValues: { ':sk': 'redrive' },
      }),
    );
    expect(Items).toEqual([
      expect.objectContaining({
        module: 'ratings',
        queue: 'votes',
        from: expect.stringMatching(/:turnout-ratings-votes-dlq$/),
        to: expect.stringMatching(/:turnout-ratings-votes$/),
        messages: dead,
        reason: 'consumer fixed',
        by: expect.any(String),
        at: expect.any(String),
      }),
    ]);
  }, 600_000);

  it('refuses a module it does not know, naming the ones it does', async () => {
    const { code, output } = await turnout(['dlq', 'ratingz']);
    expect(code).toBe(1);
    expect(output).toMatch(/ratingz/);
    expect(output).toMatch(/ratings/);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
