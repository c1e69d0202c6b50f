import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type DeploymentEvent,
  type DeploymentPlan,
  type DeploymentRecord,
  type DeploymentState,
  deploymentKey,
  lockKey,
  type ModuleProgress,
  progressKey,
} from '../../contracts/deployment-record.ts';
import { ensureKeyedTable } from '../aws/index.ts';
import { DeploymentInProgressError, DeploymentNotFoundError } from './errors.ts';

export interface DeploymentStore {
  create(id: string, plan: DeploymentPlan): Promise<DeploymentRecord>;
  get(id: string): Promise<DeploymentRecord>;
  /** Records where a module stands and, with it, the step or decision that moved it. */
  progress(
    id: string,
    module: string,
    progress: ModuleProgress,
    event?: Omit<DeploymentEvent, 'at'>,
  ): Promise<void>;
  event(id: string, event: Omit<DeploymentEvent, 'at'>): Promise<void>;
  finish(id: string, state: Exclude<DeploymentState, 'running'>, reason?: string): Promise<void>;
  /** Takes every module's lock for this deployment, or none: two deployments of a module never overlap. */
  lock(id: string, modules: string[]): Promise<void>;
  unlock(id: string, modules: string[]): Promise<void>;
  list(): Promise<DeploymentRecord[]>;
}

/** The store of deployment records in DynamoDB, with conditional writes for the locks. */
export function createDeploymentStore({
  documents,
  table,
  clock = Date,
}: {
  documents: DynamoDBDocumentClient;
  table: string;
  clock?: { now(): number };
}): DeploymentStore {
  const now = () => new Date(clock.now()).toISOString();
  const append = (
    id: string,
    set: string,
    values: Record<string, unknown>,
    names: Record<string, string>,
    event?: Omit<DeploymentEvent, 'at'>,
  ) =>
    documents.send(
      new UpdateCommand({
        TableName: table,
        Key: deploymentKey(id),
        UpdateExpression: `SET ${set}updatedAt = :now, events = list_append(events, :events)`,
        ExpressionAttributeValues: {
          ...values,
          ':now': now(),
          ':events': event ? [{ at: now(), ...event }] : [],
        },
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );

  return {
    async create(id, plan) {
      const record: DeploymentRecord = {
        ...deploymentKey(id),
        id,
        state: 'running',
        plan,
        progress: {},
        events: [],
        createdAt: now(),
        updatedAt: now(),
      };
      await documents.send(
        new PutCommand({
          TableName: table,
          Item: record,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    },
    async get(id) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: table, Key: deploymentKey(id), ConsistentRead: true }),
      );
      if (!Item) throw new DeploymentNotFoundError(id);
      return Item as DeploymentRecord;
    },
    async progress(id, module, progress, event) {
      await append(
        id,
        'progress.#key = :progress, ',
        { ':progress': progress },
        { '#key': progressKey(module, progress.target) },
        event,
      );
    },
    async event(id, event) {
      await append(id, '', {}, {}, event);
    },
    async finish(id, state, reason) {
      await append(
        id,
        '#state = :state, reason = :reason, ',
        { ':state': state, ':reason': reason ?? null },
        { '#state': 'state' },
        {
          kind: 'decision',
          name: `deployment-${state}`,
          detail: reason ?? state,
        },
      );
    },
    async lock(id, modules) {
      const taken: string[] = [];
      try {
        for (const module of modules) {
          await takeLock(documents, table, id, module, now());
          taken.push(module);
        }
      } catch (error) {
        await this.unlock(id, taken);
        throw error;
      }
    },
    async unlock(id, modules) {
      for (const module of modules) {
        await documents
          .send(
            new DeleteCommand({
              TableName: table,
              Key: lockKey(module),
              ConditionExpression: 'deploymentId = :id',
              ExpressionAttributeValues: { ':id': id },
            }),
          )
          .catch((error) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          });
      }
    },
    async list() {
      const { Items = [] } = await documents.send(
        new ScanCommand({
          TableName: table,
          FilterExpression: 'sk = :record',
          ExpressionAttributeValues: { ':record': 'record' },
        }),
      );
      return (Items as DeploymentRecord[]).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  };
}

async function takeLock(
  documents: DynamoDBDocumentClient,
  table: string,
  id: string,
  module: string,
  at: string,
) {
  try {
    await documents.send(
      new PutCommand({
        TableName: table,
        Item: { ...lockKey(module), deploymentId: id, module, lockedAt: at },
        // A resumed deployment takes its own lock back.
        ConditionExpression: 'attribute_not_exists(pk) OR deploymentId = :id',
        ExpressionAttributeValues: { ':id': id },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await documents.send(
      new GetCommand({ TableName: table, Key: lockKey(module), ConsistentRead: true }),
    );
    throw new DeploymentInProgressError(module, String(Item?.deploymentId ?? 'another deployment'));
  }
}

/**
 * Creates the deployments table if it is missing: `turnout dev` does at start, and a
 * deployment to AWS targets on its first run.
 */
export async function ensureDeploymentsTable(dynamo: DynamoDBClient, table: string): Promise<void> {
  await ensureKeyedTable(dynamo, table, { maxWaitSeconds: 60 });
}
