import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeploymentPlan } from '../../contracts/deployment-record.ts';
import { type LocalDynamoDb, startLocalDynamoDb } from '../../local-cloud/dynamodb.ts';
import { type AwsClients, createAwsClients, destroyAwsClients } from '../aws/index.ts';
import {
  createDeploymentStore,
  type DeploymentStore,
  ensureDeploymentsTable,
} from './deployment-store.ts';
import {
  DeploymentEndedError,
  DeploymentInProgressError,
  LeaseHeldError,
  ModuleInterruptedError,
} from './errors.ts';

let dynamodb: LocalDynamoDb;
let clients: AwsClients;
let tables = 0;
let nowMs = Date.parse('2026-11-22T08:30:00Z');
let store: DeploymentStore;

const plan: DeploymentPlan = {
  waves: [['alerts', 'catalog']],
  targets: ['local'],
  strategies: { alerts: 'AllAtOnce', catalog: 'AllAtOnce' },
};
const holder = (owner: string) => ({ owner, leaseMs: 30_000 });
const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

beforeAll(async () => {
  dynamodb = await startLocalDynamoDb();
  clients = createAwsClients({
    region: 'us-east-1',
    endpoints: { dynamodb: dynamodb.endpoint },
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  destroyAwsClients(clients);
  await dynamodb?.stop();
});

beforeEach(async () => {
  const table = `deployments-${++tables}`;
  await ensureDeploymentsTable(clients.dynamo, table);
  store = createDeploymentStore({
    documents: clients.documents,
    table,
    clock: { now: () => nowMs },
  });
});

describe('the module locks', () => {
  it('let one deployment at a time hold a module, naming the holder and the command to stop it', async () => {
    await store.lock('d-1', ['alerts'], holder('host:1:a'));
    const error = await caught(store.lock('d-2', ['catalog', 'alerts'], holder('host:2:b')));
    expect(error).toBeInstanceOf(DeploymentInProgressError);
    expect((error as Error).message).toMatch(/d-1/);
    expect((error as Error).message).toMatch(/turnout deploy --abort d-1/);
    // All or none: the refused deployment gave back the lock it had taken.
    expect((await store.locks(['catalog'])).length).toBe(0);
  });

  it('refuse a takeover while the orchestrator renews its lease, saying until when', async () => {
    await store.lock('d-1', ['alerts'], holder('host:1:a'));
    nowMs += 10_000;
    await store.renew('d-1', ['alerts'], holder('host:1:a'));
    nowMs += 25_000;
    const error = await caught(
      store.lock('d-1', ['alerts'], holder('host:3:c'), { takeOver: true }),
    );
    expect(error).toBeInstanceOf(LeaseHeldError);
    expect((error as Error).message).toContain(new Date(nowMs + 5_000).toISOString());
  });

  it('go to a takeover once the lease lapsed, never to a new deployment', async () => {
    await store.lock('d-1', ['alerts'], holder('host:1:a'));
    nowMs += 31_000;
    const refused = await caught(store.lock('d-2', ['alerts'], holder('host:2:b')));
    expect(refused).toBeInstanceOf(DeploymentInProgressError);
    expect((refused as Error).message).toMatch(
      /stopped renewing its lease .* `turnout deploy --abort d-1`/,
    );
    await store.lock('d-1', ['alerts'], holder('host:3:c'), { takeOver: true });
    expect((await store.locks(['alerts']))[0]).toMatchObject({
      deploymentId: 'd-1',
      owner: 'host:3:c',
    });
    // The old orchestrator, back from the dead, learns it lost the module and unlocks nothing.
    await expect(store.renew('d-1', ['alerts'], holder('host:1:a'))).rejects.toBeInstanceOf(
      DeploymentEndedError,
    );
    await store.unlock('d-1', ['alerts'], 'host:1:a');
    expect(await store.locks(['alerts'])).toHaveLength(1);
    await store.unlock('d-1', ['alerts'], 'host:3:c');
    expect(await store.locks(['alerts'])).toHaveLength(0);
  });
});

describe('the deployment record', () => {
  it('takes no more progress for a module a manual rollback interrupted', async () => {
    await store.create('d-1', plan);
    const shifting = { phase: 'shifting' as const, target: 'local', stable: '1', candidate: '2' };
    await store.progress('d-1', 'alerts', shifting);
    const interrupted = await store.interrupt(
      'd-1',
      'alerts',
      { ...shifting, phase: 'interrupted' },
      { kind: 'decision', name: 'interrupted', detail: 'rolled back by hand' },
    );
    expect(interrupted).toBe(true);
    await expect(
      store.progress('d-1', 'alerts', { ...shifting, weight: 0.5 }),
    ).rejects.toBeInstanceOf(ModuleInterruptedError);
    await store.progress('d-1', 'catalog', { ...shifting, weight: 0.5 });
    const record = await store.get('d-1');
    expect(record.progress['alerts@local']?.phase).toBe('interrupted');
    expect(record.progress['catalog@local']?.weight).toBe(0.5);
  });

  it('takes no more progress, and no second ending, once the deployment ended', async () => {
    await store.create('d-1', plan);
    await store.finish('d-1', 'aborted', 'interrupted by SIGINT');
    await expect(
      store.progress('d-1', 'alerts', { phase: 'shifting', target: 'local' }),
    ).rejects.toBeInstanceOf(DeploymentEndedError);
    await expect(store.finish('d-1', 'failed')).rejects.toThrow(
      /ended aborted \(interrupted by SIGINT\)/,
    );
    expect(
      await store.interrupt(
        'd-1',
        'alerts',
        { phase: 'interrupted', target: 'local' },
        {
          kind: 'decision',
          name: 'interrupted',
          detail: 'too late',
        },
      ),
    ).toBe(false);
    expect((await store.get('d-1')).state).toBe('aborted');
  });

  it('keeps manual rollbacks apart from deployments, newest first', async () => {
    await store.create('d-1', plan);
    const rollback = { module: 'alerts', target: 'local', by: 'ana', interrupted: [] };
    await store.recordManualRollback({
      ...rollback,
      id: 'r-1',
      from: '3',
      to: '2',
      at: '2026-11-22T08:31:00Z',
    });
    await store.recordManualRollback({
      ...rollback,
      id: 'r-2',
      from: '2',
      to: '1',
      at: '2026-11-22T08:32:00Z',
      reason: 'still bad',
    });
    expect((await store.listManualRollbacks()).map((r) => [r.id, r.reason])).toEqual([
      ['r-2', 'still bad'],
      ['r-1', undefined],
    ]);
    expect((await store.list()).map((d) => d.id)).toEqual(['d-1']);
  });
});
