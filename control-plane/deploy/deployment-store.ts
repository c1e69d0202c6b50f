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
  type ManualRollbackRecord,
  type ModuleLock,
  type ModuleProgress,
  manualRollbackKey,
  type OperatorRequest,
  progressKey,
  type RedriveRecord,
  redriveKey,
} from '../../contracts/deployment-record.ts';
import { ensureKeyedTable } from '../aws/index.ts';
import {
  DeploymentEndedError,
  DeploymentInProgressError,
  DeploymentNotFoundError,
  LeaseHeldError,
  ModuleInterruptedError,
} from './errors.ts';

/** Who holds a deployment's locks, and for how long each renewal keeps them. */
export interface LockHolder {
  /** One per orchestrator process: a run, a resume, an abort. */
  owner: string;
  leaseMs: number;
}

export interface DeploymentStore {
  create(id: string, plan: DeploymentPlan): Promise<DeploymentRecord>;
  get(id: string): Promise<DeploymentRecord>;
  /**
   * Records where a module stands and, with it, the step or decision that moved it; only
   * while the deployment runs and the module was not interrupted by a manual rollback.
   *
   * @throws DeploymentEndedError when the deployment is no longer running
   * @throws ModuleInterruptedError when a manual rollback interrupted the module
   */
  progress(
    id: string,
    module: string,
    progress: ModuleProgress,
    event?: Omit<DeploymentEvent, 'at'>,
  ): Promise<void>;
  event(id: string, event: Omit<DeploymentEvent, 'at'>): Promise<void>;
  /**
   * Adds an operator's request (promote, abort) for the orchestrator to act on at its
   * next heartbeat, with a decision event saying who asked and why.
   *
   * @throws DeploymentEndedError when the deployment no longer runs
   */
  request(id: string, request: Omit<OperatorRequest, 'at'>): Promise<void>;
  /** @throws DeploymentEndedError when someone else ended it first */
  finish(id: string, state: Exclude<DeploymentState, 'running'>, reason?: string): Promise<void>;
  /**
   * Takes every module's lock for this deployment, or none: two deployments of a module
   * never overlap. `takeOver` (a resume, an abort) also takes this deployment's own
   * locks whose lease has lapsed; a new deployment never takes another's.
   *
   * @throws DeploymentInProgressError naming the deployment that holds a module
   * @throws LeaseHeldError when this deployment's own orchestrator still renews its lease
   */
  lock(
    id: string,
    modules: string[],
    holder: LockHolder,
    options?: { takeOver?: boolean },
  ): Promise<void>;
  /** Extends the leases. @throws DeploymentEndedError when a lock is no longer this holder's */
  renew(id: string, modules: string[], holder: LockHolder): Promise<void>;
  unlock(id: string, modules: string[], owner: string): Promise<void>;
  /** The locks held on these modules now. */
  locks(modules: readonly string[]): Promise<ModuleLock[]>;
  list(): Promise<DeploymentRecord[]>;
  /**
   * Marks one module of a running deployment as interrupted (a manual rollback moved it),
   * so its orchestrator, or whoever resumes it, leaves the module alone.
   *
   * @returns false when the deployment no longer runs
   */
  interrupt(
    id: string,
    module: string,
    progress: ModuleProgress,
    event: Omit<DeploymentEvent, 'at'>,
  ): Promise<boolean>;
  recordManualRollback(record: Omit<ManualRollbackRecord, 'pk' | 'sk'>): Promise<void>;
  /** Newest first. */
  listManualRollbacks(): Promise<ManualRollbackRecord[]>;
  /** A dead-letter redrive (`turnout dlq --redrive`), beside the rollbacks an operator made. */
  recordRedrive(record: Omit<RedriveRecord, 'pk' | 'sk'>): Promise<void>;
  /** Newest first. */
  listRedrives(): Promise<RedriveRecord[]>;
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
  const update = (
    id: string,
    {
      set,
      values = {},
      names = {},
      condition,
      event,
    }: {
      set: string;
      values?: Record<string, unknown>;
      names?: Record<string, string>;
      condition?: string;
      event?: Omit<DeploymentEvent, 'at'>;
    },
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
        ConditionExpression: `attribute_exists(pk)${condition ? ` AND ${condition}` : ''}`,
      }),
    );
  const store: DeploymentStore = {
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
      try {
        await update(id, {
          set: 'progress.#key = :progress, ',
          values: { ':progress': progress, ':running': 'running', ':interrupted': 'interrupted' },
          names: { '#key': progressKey(module, progress.target), '#state': 'state' },
          condition:
            '#state = :running AND (attribute_not_exists(progress.#key) OR progress.#key.phase <> :interrupted)',
          event,
        });
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const record = await store.get(id);
        if (record.state !== 'running') throw endedError(record);
        throw new ModuleInterruptedError(id, module, progress.target);
      }
    },
    async event(id, event) {
      await update(id, { set: '', event });
    },
    async request(id, request) {
      try {
        await update(id, {
          set: 'requests = list_append(if_not_exists(requests, :none), :request), ',
          values: {
            ':none': [],
            ':request': [{ ...request, at: now() }],
            ':running': 'running',
          },
          names: { '#state': 'state' },
          condition: '#state = :running',
          event: {
            kind: 'decision',
            name: `request-${request.action}`,
            detail: `${request.action} requested by ${request.by}: ${request.reason}`,
          },
        });
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        throw endedError(await store.get(id));
      }
    },
    async finish(id, state, reason) {
      try {
        await update(id, {
          set: '#state = :state, reason = :reason, ',
          values: { ':state': state, ':reason': reason ?? null, ':running': 'running' },
          names: { '#state': 'state' },
          condition: '#state = :running',
          event: { kind: 'decision', name: `deployment-${state}`, detail: reason ?? state },
        });
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        throw endedError(await store.get(id));
      }
    },
    async lock(id, modules, holder, { takeOver = false } = {}) {
      const taken: string[] = [];
      try {
        for (const module of modules) {
          await takeLock(documents, table, { id, module, holder, takeOver, at: clock.now() });
          taken.push(module);
        }
      } catch (error) {
        // A new deployment gives back what it took. A takeover keeps the lapsed locks it
        // took: deleting them would free modules of a deployment that still runs.
        if (!takeOver) await store.unlock(id, taken, holder.owner);
        throw error;
      }
    },
    async renew(id, modules, holder) {
      for (const module of modules) {
        try {
          await documents.send(
            new UpdateCommand({
              TableName: table,
              Key: lockKey(module),
              UpdateExpression: 'SET leaseExpiresAt = :expires',
              ConditionExpression: 'deploymentId = :id AND #owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: {
                ':expires': clock.now() + holder.leaseMs,
                ':id': id,
                ':owner': holder.owner,
              },
            }),
          );
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
          throw new DeploymentEndedError(
            id,
            `lost its lock on "${module}" (taken over by \`turnout deploy --abort ${id}\`?)`,
          );
        }
      }
    },
    async unlock(id, modules, owner) {
      for (const module of modules) {
        await documents
          .send(
            new DeleteCommand({
              TableName: table,
              Key: lockKey(module),
              ConditionExpression: 'deploymentId = :id AND #owner = :owner',
              ExpressionAttributeNames: { '#owner': 'owner' },
              ExpressionAttributeValues: { ':id': id, ':owner': owner },
            }),
          )
          .catch((error) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          });
      }
    },
    async locks(modules) {
      const found = await Promise.all(
        modules.map(async (module) => {
          const { Item } = await documents.send(
            new GetCommand({ TableName: table, Key: lockKey(module), ConsistentRead: true }),
          );
          return Item as ModuleLock | undefined;
        }),
      );
      return found.filter((lock): lock is ModuleLock => lock !== undefined);
    },
    async list() {
      const records = await scanKind<DeploymentRecord>(documents, table, 'record');
      return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async interrupt(id, module, progress, event) {
      try {
        await update(id, {
          set: 'progress.#key = :progress, ',
          values: { ':progress': progress, ':running': 'running' },
          names: { '#key': progressKey(module, progress.target), '#state': 'state' },
          condition: '#state = :running',
          event,
        });
        return true;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        return false;
      }
    },
    async recordManualRollback(rollback) {
      await documents.send(
        new PutCommand({
          TableName: table,
          Item: { ...manualRollbackKey(rollback.id), ...rollback },
        }),
      );
    },
    async listManualRollbacks() {
      const records = await scanKind<ManualRollbackRecord>(documents, table, 'manual-rollback');
      return records.sort((a, b) => b.at.localeCompare(a.at));
    },
    async recordRedrive(redrive) {
      await documents.send(
        new PutCommand({ TableName: table, Item: { ...redriveKey(redrive.id), ...redrive } }),
      );
    },
    async listRedrives() {
      const records = await scanKind<RedriveRecord>(documents, table, 'redrive');
      return records.sort((a, b) => b.at.localeCompare(a.at));
    },
  };
  return store;
}

async function takeLock(
  documents: DynamoDBDocumentClient,
  table: string,
  {
    id,
    module,
    holder,
    takeOver,
    at,
  }: { id: string; module: string; holder: LockHolder; takeOver: boolean; at: number },
) {
  const lock: ModuleLock = {
    ...lockKey(module),
    module,
    deploymentId: id,
    owner: holder.owner,
    lockedAt: new Date(at).toISOString(),
    leaseExpiresAt: at + holder.leaseMs,
  };
  try {
    await documents.send(
      new PutCommand({
        TableName: table,
        Item: lock,
        ConditionExpression: takeOver
          ? 'attribute_not_exists(pk) OR (deploymentId = :id AND (attribute_not_exists(leaseExpiresAt) OR leaseExpiresAt <= :now))'
          : 'attribute_not_exists(pk)',
        ...(takeOver ? { ExpressionAttributeValues: { ':id': id, ':now': at } } : {}),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await documents.send(
      new GetCommand({ TableName: table, Key: lockKey(module), ConsistentRead: true }),
    );
    const held = Item as ModuleLock | undefined;
    if (held?.deploymentId === id && held.leaseExpiresAt !== undefined)
      throw new LeaseHeldError(id, module, held.owner, held.leaseExpiresAt);
    throw new DeploymentInProgressError(
      module,
      held?.deploymentId ?? 'another deployment',
      held?.leaseExpiresAt,
      at,
    );
  }
}

async function scanKind<T>(
  documents: DynamoDBDocumentClient,
  table: string,
  sk: string,
): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'sk = :sk',
        ExpressionAttributeValues: { ':sk': sk },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

function endedError(record: DeploymentRecord): DeploymentEndedError {
  return new DeploymentEndedError(
    record.id,
    `ended ${record.state}${record.reason ? ` (${record.reason})` : ''}`,
  );
}

/**
 * Creates the deployments table if it is missing: `turnout dev` does at start, and a
 * deployment to AWS targets on its first run.
 */
export async function ensureDeploymentsTable(dynamo: DynamoDBClient, table: string): Promise<void> {
  await ensureKeyedTable(dynamo, table, { maxWaitSeconds: 60 });
}
