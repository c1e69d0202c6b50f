import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module.ts';
import { ModuleResourceError } from './errors.ts';
import { moduleResources } from './module-resources.ts';

const manifest = defineModule({
  name: 'ratings',
  owner: 'team-ratings',
  tier: 'medium',
  graphql: { sdl: 'type Query { ok: Boolean }' },
  tables: { votes: { partitionKey: { name: 'pk' } } },
  queues: { recount: {}, ordered: { fifo: true } },
});

const env = {
  TURNOUT_TABLE_VOTES: 'turnout-ratings-votes',
  TURNOUT_QUEUE_RECOUNT_URL: 'http://sqs.local/000000000000/turnout-ratings-recount',
  TURNOUT_QUEUE_ORDERED_URL: 'http://sqs.local/000000000000/turnout-ratings-ordered.fifo',
};

/** A client that records the commands it is sent and answers with `reply`. */
function recordingClient<C>(reply: unknown = {}) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return reply;
    },
  };
  return { client: client as unknown as C, sent };
}

describe('moduleResources', () => {
  it('binds each table to its physical name from the environment', async () => {
    const { client: documents, sent } = recordingClient<DynamoDBDocumentClient>({
      Item: { pk: 'a' },
    });
    const { sqs } = { sqs: recordingClient<SQSClient>().client };
    const { tables } = moduleResources(manifest, { env, documents, sqs });
    expect(tables.votes.name).toBe('turnout-ratings-votes');
    expect(await tables.votes.get({ pk: 'a' })).toEqual({ pk: 'a' });
    await tables.votes.put({ pk: 'b' }, { ConditionExpression: 'attribute_not_exists(pk)' });
    expect(sent.map((s) => [s.name, s.input.TableName])).toEqual([
      ['GetCommand', 'turnout-ratings-votes'],
      ['PutCommand', 'turnout-ratings-votes'],
    ]);
    expect(sent[1]?.input.ConditionExpression).toBe('attribute_not_exists(pk)');
  });

  it('sends to a queue by its URL, objects as JSON', async () => {
    const { client: sqs, sent } = recordingClient<SQSClient>({ MessageId: 'm-1' });
    const documents = recordingClient<DynamoDBDocumentClient>().client;
    const { queues } = moduleResources(manifest, { env, documents, sqs });
    expect(await queues.recount.send({ titleId: 'tt1' })).toEqual({ messageId: 'm-1' });
    expect(sent[0]?.input).toMatchObject({
      QueueUrl: env.TURNOUT_QUEUE_RECOUNT_URL,
      MessageBody: '{"titleId":"tt1"}',
    });
  });

  it('asks for a group id on a FIFO queue', async () => {
    const sqs = recordingClient<SQSClient>().client;
    const documents = recordingClient<DynamoDBDocumentClient>().client;
    const { queues } = moduleResources(manifest, { env, documents, sqs });
    await expect(queues.ordered.send('x')).rejects.toMatchObject({
      code: 'FIFO_GROUP_ID_REQUIRED',
    });
  });

  it('names the missing environment variable', () => {
    const documents = recordingClient<DynamoDBDocumentClient>().client;
    const sqs = recordingClient<SQSClient>().client;
    const { TURNOUT_TABLE_VOTES: _, ...rest } = env;
    const build = () => moduleResources(manifest, { env: rest, documents, sqs });
    expect(build).toThrow(ModuleResourceError);
    expect(build).toThrow(/TURNOUT_TABLE_VOTES/);
  });

  it('asks for the client the module needs', () => {
    expect(() => moduleResources(manifest, { env })).toThrow(/DynamoDBDocumentClient/);
  });
});
