import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteProvisionedConcurrencyConfigCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvalidParameterValueException,
  InvokeCommand,
  LambdaClient,
  ListAliasesCommand,
  ListFunctionsCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  RequestTooLargeException,
  ResourceConflictException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalLambda, startLocalLambda } from '../local-cloud/lambda/index.ts';
import { waitFor } from './support/turnout-process.ts';

const VERSIONED = `export const handler = async (event, context) => ({
  code: CODE,
  version: context.functionVersion,
  env: process.env.AWS_LAMBDA_FUNCTION_VERSION,
  event,
});`;

const MISBEHAVING = `export const handler = async (event) => {
  if (event.mode === 'throw') throw new TypeError('bad input');
  if (event.mode === 'hang') return new Promise(() => {});
  if (event.mode === 'exit') process.exit(3);
  if (event.mode === 'bigint') return { n: 1n };
  if (event.mode === 'huge') return 'x'.repeat(7 * 1024 * 1024);
  if (event.mode === 'leak') { const keep = []; for (;;) keep.push(new Array(1e6).fill(1)); }
  if (event.mode === 'buffers') { const keep = []; for (;;) { keep.push(Buffer.alloc(8 * 1024 * 1024, 1)); await new Promise((r) => setImmediate(r)); } }
  if (event.mode === 'kill') process.kill(process.pid, 'SIGKILL');
  if (event.mode === 'abort') process.abort();
  if (event.mode === 'crash') { setTimeout(() => { throw new RangeError('thrown later'); }); return new Promise(() => {}); }
  return { ok: true, env: process.env.GREETING, endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB };
};`;

const WHERE_AM_I = `import { getHeapStatistics } from 'node:v8';
import { maxHeaderSize } from 'node:http';
const processStartedAt = performance.timeOrigin;
export const handler = async () => ({
  pid: process.pid,
  processStartedAt,
  greeting: process.env.GREETING ?? null,
  spare: process.env.TURNOUT_SPARE_RUNTIME ?? null,
  cwd: process.cwd(),
  taskRoot: process.env.LAMBDA_TASK_ROOT,
  heapLimitMb: getHeapStatistics().heap_size_limit / 1024 / 1024,
  maxHeaderSize,
});`;

const SLOW = `exports.handler = (event, context, callback) => {
  setTimeout(() => callback(null, { slept: event.ms }), event.ms);
};`;

function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

const versionedZip = (code: string) =>
  zipOf({ 'index.mjs': VERSIONED.replace('CODE', JSON.stringify(code)) });

let lambda: LocalLambda;
let client: LambdaClient;

async function invoke(FunctionName: string, event: unknown = {}, Qualifier?: string) {
  const out = await client.send(
    new InvokeCommand({ FunctionName, Qualifier, Payload: Buffer.from(JSON.stringify(event)) }),
  );
  const text = Buffer.from(out.Payload ?? []).toString('utf8');
  return { ...out, body: text ? JSON.parse(text) : undefined };
}

async function createFunction(FunctionName: string, zip: Uint8Array, extra: object = {}) {
  return client.send(
    new CreateFunctionCommand({
      FunctionName,
      Role: 'arn:aws:iam::000000000000:role/local',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: zip },
      ...extra,
    }),
  );
}

async function inParallel<T>(count: number, concurrency: number, task: (i: number) => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  const lanes = Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  });
  await Promise.all(lanes);
  return results;
}

beforeAll(async () => {
  lambda = await startLocalLambda({
    runtimeEnvironment: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4566' },
  });
  client = new LambdaClient({
    endpoint: lambda.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  await createFunction('orders', versionedZip('v1'));
  await client.send(new PublishVersionCommand({ FunctionName: 'orders' }));
  await client.send(
    new UpdateFunctionCodeCommand({ FunctionName: 'orders', ZipFile: versionedZip('v2') }),
  );
  await client.send(new PublishVersionCommand({ FunctionName: 'orders' }));
});

afterAll(async () => {
  client?.destroy();
  await lambda?.stop();
});

describe('weighted aliases', () => {
  it('sends about 10% of 2,000 invokes to the 10% version and names the executed version', async () => {
    await client.send(
      new CreateAliasCommand({
        FunctionName: 'orders',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
      }),
    );
    const results = await inParallel(2000, 32, () => invoke('orders', {}, 'live'));
    for (const r of results) {
      expect(['1', '2']).toContain(r.ExecutedVersion);
      expect(r.body.version).toBe(r.ExecutedVersion);
      expect(r.body.code).toBe(`v${r.ExecutedVersion}`);
    }
    const share = results.filter((r) => r.ExecutedVersion === '2').length / results.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    // why the ceiling: 2,000 invokes through two versions' runtime processes on a busy machine
  }, 120_000);

  it('runs only the primary version once the alias is updated back to it alone', async () => {
    await client.send(
      new UpdateAliasCommand({
        FunctionName: 'orders',
        Name: 'live',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: {} },
      }),
    );
    const results = await inParallel(200, 16, () => invoke('orders:live'));
    expect(new Set(results.map((r) => r.ExecutedVersion))).toEqual(new Set(['1']));
  });

  it('counts invocations per executed version in the metrics', () => {
    // why ten minutes: the 2,000 invokes before take over a minute on a loaded machine
    const window = { start: Date.now() - 600_000, end: Date.now() + 1_000 };
    const sum = (version: string) =>
      lambda.metrics
        .query({ functionName: 'orders', version, metric: 'Invocations', stat: 'Sum', ...window })
        .values.reduce((a, b) => a + b, 0);
    expect(sum('1') + sum('2')).toBe(2200);
    expect(sum('2')).toBeGreaterThan(100);
  });
});

describe('versions', () => {
  it('runs new code in the new version while the old version still runs the old code', async () => {
    await createFunction('catalog', versionedZip('old'), { Publish: true });
    const updated = await client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'catalog',
        ZipFile: versionedZip('new'),
        Publish: true,
      }),
    );
    expect(updated.Version).toBe('2');
    const [old, fresh, latest] = await Promise.all([
      invoke('catalog', {}, '1'),
      invoke('catalog', {}, '2'),
      invoke('catalog'),
    ]);
    expect(old.body.code).toBe('old');
    expect(fresh.body.code).toBe('new');
    expect(latest.body.code).toBe('new');
    expect(latest.ExecutedVersion).toBe('$LATEST');
  });

  it('returns the last version when nothing changed since it was published', async () => {
    const again = await client.send(new PublishVersionCommand({ FunctionName: 'catalog' }));
    expect(again.Version).toBe('2');
    await client.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'catalog',
        Environment: { Variables: { A: '1' } },
      }),
    );
    const next = await client.send(new PublishVersionCommand({ FunctionName: 'catalog' }));
    expect(next.Version).toBe('3');
  });

  it('accepts the qualified name and the ARN as the function name', async () => {
    const arn = (await client.send(new GetFunctionCommand({ FunctionName: 'catalog' })))
      .Configuration?.FunctionArn;
    expect((await invoke(`${arn}:1`)).body.code).toBe('old');
    expect((await invoke('catalog:1')).ExecutedVersion).toBe('1');
  });
});

describe('a misbehaving handler', () => {
  beforeAll(async () => {
    await createFunction('wobbly', zipOf({ 'index.mjs': MISBEHAVING }), {
      // why 3 s: a runtime process serializes and sends the 7 MB answer over a socket, which
      // on a loaded machine took longer than 1 s; the hang case waits it out
      Timeout: 3,
      Publish: true,
      Environment: { Variables: { GREETING: 'hello' } },
    });
  });

  it.each([
    ['throws', 'throw', 'TypeError', 'bad input'],
    ['times out', 'hang', 'Sandbox.Timedout', 'Task timed out after 3.00 seconds'],
    ['exits its process', 'exit', 'Runtime.ExitError', 'Runtime exited with error: exit status 3'],
    ['kills its process', 'kill', 'Runtime.ExitError', 'Runtime exited with error: signal: killed'],
    ['aborts', 'abort', 'Runtime.ExitError', 'Runtime exited with error: signal: aborted'],
    ['throws outside its promise', 'crash', 'RangeError', 'thrown later'],
    [
      'returns a value JSON cannot hold',
      'bigint',
      'Runtime.JSONStringifyError',
      'Unable to stringify',
    ],
    [
      'returns more than 6 MB',
      'huge',
      'Function.ResponseSizeTooLarge',
      'Response payload size exceeded',
    ],
  ])(
    "gives Lambda's error shape when it %s, and the next invoke works",
    async (_, mode, type, message) => {
      const failed = await invoke('wobbly', { mode }, '1');
      expect(failed.StatusCode).toBe(200);
      expect(failed.FunctionError).toBe('Unhandled');
      expect(failed.ExecutedVersion).toBe('1');
      expect(failed.body.errorType).toBe(type);
      expect(failed.body.errorMessage).toContain(message);
      const [same, other] = await Promise.all([
        invoke('wobbly', {}, '1'),
        invoke('orders', {}, '2'),
      ]);
      expect(same.body).toEqual({ ok: true, env: 'hello', endpoint: 'http://127.0.0.1:4566' });
      expect(other.body.code).toBe('v2');
    },
  );

  it.each([
    ['its heap', 'leak'],
    ['Buffers, outside its heap', 'buffers'],
  ])('loses only its own environment when %s outgrows its memory', async (_, mode) => {
    // why: its own function with a long timeout, so a slow machine cannot turn OOM into a timeout
    const name = `leaky-${mode}`;
    await createFunction(name, zipOf({ 'index.mjs': MISBEHAVING }), {
      Timeout: 30,
      MemorySize: 128,
    });
    const failed = await invoke(name, { mode });
    expect(failed.FunctionError).toBe('Unhandled');
    expect(failed.body).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: expect.stringMatching(
        /^RequestId: \S+ Error: Runtime exited with error: signal: killed$/,
      ),
    });
    expect((await invoke(name)).body.ok).toBe(true);
    expect((await invoke('wobbly', {}, '1')).body.ok).toBe(true);
  });

  it('counts the errors of the version in the metrics', () => {
    const errors = lambda.metrics.query({
      functionName: 'wobbly',
      version: '1',
      metric: 'Errors',
      stat: 'Sum',
      start: Date.now() - 60_000,
      end: Date.now() + 1_000,
    });
    expect(errors.values.reduce((a, b) => a + b, 0)).toBe(8);
  });
});

describe('provisioned concurrency', () => {
  const INIT_TIME = 'const initAt = Date.now();\nexport const handler = async () => ({ initAt });';

  it('initialises the environments of an alias before its first invoke', async () => {
    await createFunction('prewarmed', zipOf({ 'index.mjs': INIT_TIME }), { Publish: true });
    await client.send(
      new CreateAliasCommand({ FunctionName: 'prewarmed', Name: 'live', FunctionVersion: '1' }),
    );
    const put = await client.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: 'prewarmed',
        Qualifier: 'live',
        ProvisionedConcurrentExecutions: 2,
      }),
    );
    expect(put.RequestedProvisionedConcurrentExecutions).toBe(2);
    const get = () =>
      client.send(
        new GetProvisionedConcurrencyConfigCommand({
          FunctionName: 'prewarmed',
          Qualifier: 'live',
        }),
      );
    await expect.poll(async () => (await get()).Status).toBe('READY');
    expect((await get()).AvailableProvisionedConcurrentExecutions).toBe(2);
    const readyAt = Date.now();
    const [first, second] = await Promise.all([
      invoke('prewarmed', {}, 'live'),
      invoke('prewarmed', {}, 'live'),
    ]);
    expect(first.body.initAt).toBeLessThanOrEqual(readyAt);
    expect(second.body.initAt).toBeLessThanOrEqual(readyAt);
  });

  it('reports FAILED when the init fails, and the invoke says why', async () => {
    await createFunction('broken-init', zipOf({ 'index.mjs': 'throw new Error("no table");' }), {
      Publish: true,
    });
    await client.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: 'broken-init',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
    );
    await expect
      .poll(
        async () =>
          (
            await client.send(
              new GetProvisionedConcurrencyConfigCommand({
                FunctionName: 'broken-init',
                Qualifier: '1',
              }),
            )
          ).Status,
      )
      .toBe('FAILED');
    const failed = await invoke('broken-init', {}, '1');
    expect(failed.FunctionError).toBe('Unhandled');
    expect(failed.body).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: expect.stringContaining('no table'),
    });
  });

  it('starts an environment from a runtime booted ahead, as the function would start afresh', async () => {
    const zip = zipOf({ 'index.mjs': WHERE_AM_I });
    await createFunction('spare-first', zip, { MemorySize: 384 });
    await createFunction('spare-second', zip, {
      MemorySize: 384,
      Environment: { Variables: { GREETING: 'hello' } },
    });
    // The first environment of 384 MB asks for a spare of 384 MB, started once starts are quiet.
    expect(lambda.spareRuntimes(384)).toEqual([]);
    expect((await invoke('spare-first')).body.greeting).toBeNull();
    const [spare] = await waitFor(async () => {
      const waiting = lambda.spareRuntimes(384);
      return waiting.length > 0 ? waiting : undefined;
    }, 60_000);
    const asked = Date.now();
    const { body } = await invoke('spare-second');
    // The spare's process runs it.
    expect(body.pid).toBe(spare);
    expect(body).toMatchObject({ greeting: 'hello', spare: null, cwd: body.taskRoot });
    // Its heap is the function's memory (V8 adds its young generation to the old space's 384 MB).
    expect(body.heapLimitMb).toBeGreaterThanOrEqual(384);
    expect(body.heapLimitMb).toBeLessThan(448);
    // NODE_OPTIONS is read by Node's own start: such a function starts afresh and gets it.
    await createFunction('spare-node-options', zip, {
      MemorySize: 384,
      Environment: { Variables: { NODE_OPTIONS: '--max-http-header-size=12345' } },
    });
    const afresh = await invoke('spare-node-options');
    expect(afresh.body.maxHeaderSize).toBe(12345);
    expect(afresh.body.processStartedAt).toBeGreaterThanOrEqual(asked);
    // A spare that dies while it waits is not given a function: the next one starts well.
    const [doomed] = await waitFor(async () => {
      const waiting = lambda.spareRuntimes(384);
      return waiting.length > 0 ? waiting : undefined;
    }, 60_000);
    process.kill(doomed as number, 'SIGKILL');
    await waitFor(
      async () => (lambda.spareRuntimes(384).includes(doomed as number) ? undefined : true),
      60_000,
    );
    await createFunction('spare-third', zip, {
      MemorySize: 384,
      Environment: { Variables: { GREETING: 'again' } },
    });
    const third = await invoke('spare-third');
    expect(third.FunctionError).toBeUndefined();
    expect(third.body).toMatchObject({ greeting: 'again', spare: null });
    expect(third.body.pid).not.toBe(doomed);
  });

  it('refuses $LATEST and answers not found for a qualifier without a config', async () => {
    await expect(
      client.send(
        new PutProvisionedConcurrencyConfigCommand({
          FunctionName: 'orders',
          Qualifier: '$LATEST',
          ProvisionedConcurrentExecutions: 1,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(
      client.send(
        new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'orders', Qualifier: '1' }),
      ),
    ).rejects.toBeInstanceOf(ProvisionedConcurrencyConfigNotFoundException);
  });
});

describe('retiring the environments of a version no alias routes to', () => {
  const PID = 'export const handler = async () => ({ pid: process.pid });';
  /** Whether the process still runs (signal 0 only checks). */
  const running = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const pidOf = async (qualifier: string) =>
    (await invoke('retiring', {}, qualifier)).body.pid as number;

  it("ends a version's environments once live moves past it, and the version still answers", async () => {
    await createFunction('retiring', zipOf({ 'index.mjs': PID }), { Publish: true });
    await client.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'retiring',
        ZipFile: zipOf({ 'index.mjs': `${PID}\n// version 2` }),
      }),
    );
    await client.send(new PublishVersionCommand({ FunctionName: 'retiring' }));
    await client.send(
      new CreateAliasCommand({ FunctionName: 'retiring', Name: 'live', FunctionVersion: '1' }),
    );
    const first = await pidOf('live');
    expect(running(first)).toBe(true);
    await client.send(
      new UpdateAliasCommand({ FunctionName: 'retiring', Name: 'live', FunctionVersion: '2' }),
    );
    await expect.poll(() => running(first), { timeout: 30_000 }).toBe(false);
    // Still invocable by its number, in a fresh environment, as in Lambda.
    const again = await pidOf('1');
    expect(again).not.toBe(first);
    expect(running(await pidOf('live'))).toBe(true);
  });

  it('keeps a version that provisioned concurrency names until its config is deleted', async () => {
    const target = { FunctionName: 'retiring', Qualifier: '1' };
    await client.send(
      new PutProvisionedConcurrencyConfigCommand({ ...target, ProvisionedConcurrentExecutions: 1 }),
    );
    await expect
      .poll(
        async () => (await client.send(new GetProvisionedConcurrencyConfigCommand(target))).Status,
      )
      .toBe('READY');
    const kept = await pidOf('1');
    // An alias change of the function retires nothing the config keeps.
    await client.send(
      new UpdateAliasCommand({ FunctionName: 'retiring', Name: 'live', FunctionVersion: '2' }),
    );
    expect(await pidOf('1')).toBe(kept);
    await client.send(new DeleteProvisionedConcurrencyConfigCommand(target));
    await expect.poll(() => running(kept), { timeout: 30_000 }).toBe(false);
  });
});

describe('invalid requests', () => {
  const expectAliasUnchanged = async (before: object) =>
    expect(
      await client.send(new GetAliasCommand({ FunctionName: 'orders', Name: 'live' })),
    ).toMatchObject(before);

  it('answers ResourceNotFoundException for an unknown function, version or alias', async () => {
    await expect(invoke('nobody')).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(invoke('orders', {}, '99')).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(invoke('orders', {}, 'nope')).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(new GetFunctionConfigurationCommand({ FunctionName: 'orders', Qualifier: '99' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers ResourceConflictException for a function that exists, and keeps it', async () => {
    await expect(createFunction('orders', versionedZip('other'))).rejects.toBeInstanceOf(
      ResourceConflictException,
    );
    expect((await invoke('orders')).body.code).toBe('v2');
  });

  it.each([
    ['a weight above 1', { '2': 1.5 }],
    ['a negative weight', { '2': -0.1 }],
    ['two additional versions', { '2': 0.1, '3': 0.1 }],
    ['$LATEST as a weight key', { $LATEST: 0.1 }],
    ['the primary version as a weight key', { '1': 0.1 }],
  ])(
    'rejects %s with InvalidParameterValueException and leaves the alias as it was',
    async (_, weights) => {
      const before = await client.send(
        new GetAliasCommand({ FunctionName: 'orders', Name: 'live' }),
      );
      const update = new UpdateAliasCommand({
        FunctionName: 'orders',
        Name: 'live',
        RoutingConfig: { AdditionalVersionWeights: weights },
      });
      await expect(client.send(update)).rejects.toBeInstanceOf(InvalidParameterValueException);
      const create = new CreateAliasCommand({
        FunctionName: 'orders',
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: weights },
      });
      await expect(client.send(create)).rejects.toBeInstanceOf(InvalidParameterValueException);
      await expectAliasUnchanged({ RevisionId: before.RevisionId, FunctionVersion: '1' });
      const aliases = await client.send(new ListAliasesCommand({ FunctionName: 'orders' }));
      expect(aliases.Aliases?.map((a) => a.Name)).toEqual(['live']);
    },
  );

  it('rejects a stale RevisionId with PreconditionFailedException and changes nothing', async () => {
    const before = await client.send(new GetAliasCommand({ FunctionName: 'orders', Name: 'live' }));
    const stale = new UpdateAliasCommand({
      FunctionName: 'orders',
      Name: 'live',
      FunctionVersion: '2',
      RevisionId: 'not-the-revision',
    });
    await expect(client.send(stale)).rejects.toBeInstanceOf(PreconditionFailedException);
    await expectAliasUnchanged({ RevisionId: before.RevisionId, FunctionVersion: '1' });

    const versionsBefore = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: 'orders' }),
    );
    for (const guard of [{ RevisionId: 'stale' }, { CodeSha256: 'c3RhbGU=' }]) {
      await expect(
        client.send(new PublishVersionCommand({ FunctionName: 'orders', ...guard })),
      ).rejects.toBeInstanceOf(PreconditionFailedException);
    }
    const versionsAfter = await client.send(
      new ListVersionsByFunctionCommand({ FunctionName: 'orders' }),
    );
    expect(versionsAfter.Versions).toEqual(versionsBefore.Versions);
  });

  it('rejects an Event payload over 1 MB with RequestTooLargeException', async () => {
    const payload = Buffer.from(JSON.stringify({ blob: 'x'.repeat(1024 * 1024) }));
    await expect(
      client.send(
        new InvokeCommand({ FunctionName: 'orders', InvocationType: 'Event', Payload: payload }),
      ),
    ).rejects.toBeInstanceOf(RequestTooLargeException);
  });

  it('rejects a payload over 6 MB with RequestTooLargeException', async () => {
    const payload = Buffer.from(JSON.stringify({ blob: 'x'.repeat(6 * 1024 * 1024) }));
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'orders', Payload: payload })),
    ).rejects.toBeInstanceOf(RequestTooLargeException);
  });
});

describe('invocation types and concurrency', () => {
  beforeAll(async () => {
    await createFunction('sleepy', zipOf({ 'index.js': SLOW }), { Publish: true });
  });

  it('throttles beyond reserved concurrency with TooManyRequestsException', async () => {
    await client.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'sleepy',
        ReservedConcurrentExecutions: 1,
      }),
    );
    expect(
      (await client.send(new GetFunctionConcurrencyCommand({ FunctionName: 'sleepy' })))
        .ReservedConcurrentExecutions,
    ).toBe(1);
    const outcomes = await Promise.allSettled([
      invoke('sleepy', { ms: 300 }),
      invoke('sleepy', { ms: 300 }),
    ]);
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    expect(rejected).toHaveLength(1);
    const error = (rejected[0] as PromiseRejectedResult).reason;
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect(error.Reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
  });

  it('answers 202 for Event and runs the function later', async () => {
    const out = await client.send(
      new InvokeCommand({
        FunctionName: 'sleepy',
        InvocationType: 'Event',
        Qualifier: '1',
        Payload: Buffer.from('{"ms":1}'),
      }),
    );
    expect(out.StatusCode).toBe(202);
    await expect
      .poll(
        () =>
          lambda.metrics.query({
            functionName: 'sleepy',
            version: '1',
            metric: 'Invocations',
            stat: 'Sum',
            start: Date.now() - 60_000,
            end: Date.now() + 1_000,
          }).values[0],
      )
      .toBe(1);
  });

  it('answers 204 for DryRun without running the function', async () => {
    const out = await client.send(
      new InvokeCommand({ FunctionName: 'orders', InvocationType: 'DryRun' }),
    );
    expect(out.StatusCode).toBe(204);
  });
});

describe('the control plane', () => {
  it('lists functions and deletes one version or the whole function', async () => {
    await createFunction('temp', versionedZip('a'), { Publish: true });
    const listed = await client.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('temp');
    await client.send(new DeleteFunctionCommand({ FunctionName: 'temp', Qualifier: '1' }));
    await expect(invoke('temp', {}, '1')).rejects.toBeInstanceOf(ResourceNotFoundException);
    await client.send(new DeleteFunctionCommand({ FunctionName: 'temp' }));
    await expect(
      client.send(new GetFunctionCommand({ FunctionName: 'temp' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('runs code from a local directory given as the __local__ bucket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'local-code-'));
    await writeFile(join(dir, 'app.cjs'), 'module.exports.main = async () => "from disk";');
    try {
      await createFunction('disk', new Uint8Array(), {
        Handler: 'app.main',
        Code: { S3Bucket: '__local__', S3Key: dir },
      });
      expect((await invoke('disk')).body).toBe('from disk');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
