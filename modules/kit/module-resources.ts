import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import {
  DeleteCommand,
  type DeleteCommandInput,
  type DynamoDBDocumentClient,
  GetCommand,
  type GetCommandInput,
  PutCommand,
  type PutCommandInput,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  UpdateCommand,
  type UpdateCommandInput,
  type UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { ModuleResourceError } from './errors.ts';
import type { ModuleManifest, QueueManifest } from './manifest-schema.ts';
import { queueUrlEnvName, tableEnvName } from './resource-names.ts';

type Item = Record<string, unknown>;

/** One of the module's tables: its physical name and the document client bound to it. */
export interface TableHandle {
  name: string;
  get(key: Item, options?: Omit<GetCommandInput, 'TableName' | 'Key'>): Promise<Item | undefined>;
  put(item: Item, options?: Omit<PutCommandInput, 'TableName' | 'Item'>): Promise<void>;
  update(input: Omit<UpdateCommandInput, 'TableName'>): Promise<UpdateCommandOutput>;
  delete(key: Item, options?: Omit<DeleteCommandInput, 'TableName' | 'Key'>): Promise<void>;
  query(input: Omit<QueryCommandInput, 'TableName'>): Promise<QueryCommandOutput>;
}

export interface SendOptions {
  /** Required on a FIFO queue. */
  groupId?: string;
  /** On a FIFO queue without content-based deduplication. */
  deduplicationId?: string;
  delaySeconds?: number;
}

/** One of the module's queues: its URL and a sender bound to it. */
export interface QueueHandle {
  url: string;
  /** Sends a string as is and anything else as JSON. */
  send(body: unknown, options?: SendOptions): Promise<{ messageId: string | undefined }>;
}

export interface ModuleResourceClients {
  /** Where the physical names come from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Needed when the module owns tables. */
  documents?: DynamoDBDocumentClient;
  /** Needed when the module owns queues. */
  sqs?: SQSClient;
}

export interface ModuleResources<M extends ModuleManifest> {
  tables: { [K in keyof M['tables']]: TableHandle };
  queues: { [K in keyof M['queues']]: QueueHandle };
}

/**
 * Typed handles on the module's own tables and queues, found through the environment
 * variables the stacks and the local cloud set (`TURNOUT_TABLE_<NAME>`,
 * `TURNOUT_QUEUE_<NAME>_URL`). Reads them all at once, so a missing one fails at cold
 * start with its name, not on the first request that needs it.
 *
 * @example
 * const { tables, queues } = moduleResources(manifest, { documents, sqs });
 * await tables.votes.put({ pk: `title#${id}`, rating });
 * await queues.recount.send({ titleId: id });
 */
export function moduleResources<M extends ModuleManifest>(
  manifest: M,
  clients: ModuleResourceClients,
): ModuleResources<M> {
  const env = clients.env ?? process.env;
  const tables: Record<string, TableHandle> = {};
  for (const logical of Object.keys(manifest.tables)) {
    const documents = requireClient(clients.documents, 'documents', manifest.name);
    tables[logical] = tableHandle(documents, requireEnv(env, tableEnvName(logical), manifest.name));
  }
  const queues: Record<string, QueueHandle> = {};
  for (const [logical, queue] of Object.entries(manifest.queues)) {
    const sqs = requireClient(clients.sqs, 'sqs', manifest.name);
    const url = requireEnv(env, queueUrlEnvName(logical), manifest.name);
    queues[logical] = queueHandle(sqs, url, logical, queue);
  }
  return { tables, queues } as ModuleResources<M>;
}

function tableHandle(documents: DynamoDBDocumentClient, name: string): TableHandle {
  const TableName = name;
  return {
    name,
    async get(key, options) {
      const output = await documents.send(new GetCommand({ ...options, TableName, Key: key }));
      return output.Item;
    },
    async put(item, options) {
      await documents.send(new PutCommand({ ...options, TableName, Item: item }));
    },
    update: (input) => documents.send(new UpdateCommand({ ...input, TableName })),
    async delete(key, options) {
      await documents.send(new DeleteCommand({ ...options, TableName, Key: key }));
    },
    query: (input) => documents.send(new QueryCommand({ ...input, TableName })),
  };
}

function queueHandle(
  sqs: SQSClient,
  url: string,
  logical: string,
  queue: QueueManifest,
): QueueHandle {
  return {
    url,
    async send(body, options = {}) {
      if (queue.fifo && !options.groupId) {
        throw new ModuleResourceError(
          'FIFO_GROUP_ID_REQUIRED',
          `Queue "${logical}" is FIFO: pass { groupId } to send(), e.g. the id whose messages must stay in order.`,
        );
      }
      const output = await sqs.send(
        new SendMessageCommand({
          QueueUrl: url,
          MessageBody: typeof body === 'string' ? body : JSON.stringify(body),
          MessageGroupId: options.groupId,
          MessageDeduplicationId: options.deduplicationId,
          DelaySeconds: options.delaySeconds,
        }),
      );
      return { messageId: output.MessageId };
    },
  };
}

function requireEnv(
  env: Record<string, string | undefined>,
  variable: string,
  module: string,
): string {
  const value = env[variable];
  if (value) return value;
  throw new ModuleResourceError(
    'MISSING_RESOURCE_ENV',
    `Module "${module}" cannot find ${variable} in its environment. The module stack and ` +
      '`turnout dev` set it for every table and queue in the manifest: deploy the module ' +
      'through them, or set the variable to the physical name (or queue URL) yourself.',
  );
}

function requireClient<C>(client: C | undefined, which: 'documents' | 'sqs', module: string): C {
  if (client) return client;
  const owns = which === 'documents' ? 'tables' : 'queues';
  throw new ModuleResourceError(
    'MISSING_CLIENT',
    `Module "${module}" owns ${owns}: pass moduleResources(manifest, { ${which} }) an AWS SDK ${which === 'documents' ? 'DynamoDBDocumentClient' : 'SQSClient'}.`,
  );
}
