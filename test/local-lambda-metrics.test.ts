import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../contracts/rest-invoke-event.ts';
import { buildModule } from '../control-plane/build/build-module.ts';
import { metricsHealthSource } from '../control-plane/deploy/metrics-health-source.ts';
import { moduleMetricsHealthSource } from '../control-plane/deploy/module-metrics-health-source.ts';
import {
  LOCAL_CODE_BUCKET,
  type LocalLambda,
  startLocalLambda,
} from '../local-cloud/lambda/index.ts';

const fixture = resolve(import.meta.dirname, 'fixtures', 'module-metrics');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let lambda: LocalLambda;
let client: LambdaClient;
let cloudwatch: CloudWatchClient;
let buildRoot: string;
let startedMs: number;

/** Invokes the version as API Gateway's mapping would: the v2 event, straight to Lambda. */
async function get(path: string) {
  const event = toApiGatewayEvent(
    { method: 'GET', path, rawQueryString: '', headers: {} },
    { requestId: 'probe', now: Date.now() },
  );
  const out = await client.send(
    new InvokeCommand({
      FunctionName: 'turnout-probe',
      Qualifier: '1',
      Payload: Buffer.from(JSON.stringify(event)),
    }),
  );
  return {
    functionError: out.FunctionError,
    ...JSON.parse(Buffer.from(out.Payload ?? []).toString()),
  };
}

beforeAll(async () => {
  buildRoot = await mkdtemp(join(tmpdir(), 'turnout-module-metrics-'));
  const bundle = await buildModule({ directory: fixture, outputDirectory: buildRoot });
  lambda = await startLocalLambda();
  client = new LambdaClient({ endpoint: lambda.endpoint, region: 'us-east-1', credentials });
  cloudwatch = new CloudWatchClient({
    endpoint: lambda.endpoint,
    region: 'us-east-1',
    credentials,
  });
  await client.send(
    new CreateFunctionCommand({
      FunctionName: 'turnout-probe',
      Role: 'arn:aws:iam::000000000000:role/local',
      Runtime: 'nodejs20.x',
      Handler: `${bundle.entry.replace(/\.mjs$/, '')}.handler`,
      Code: { S3Bucket: LOCAL_CODE_BUCKET, S3Key: bundle.directory },
    }),
  );
  await client.send(new PublishVersionCommand({ FunctionName: 'turnout-probe' }));
  startedMs = Date.now();
  for (let i = 0; i < 6; i++) await get('/hello');
  for (let i = 0; i < 3; i++) await get('/broken');
  await get('/missing');
}, 120_000);

afterAll(async () => {
  client?.destroy();
  cloudwatch?.destroy();
  await lambda?.stop();
  if (buildRoot) await rm(buildRoot, { recursive: true, force: true });
});

describe("a kit handler's metrics on the local Lambda", () => {
  it('answers 500 as a normal return: Lambda counts no error', async () => {
    expect(await get('/broken')).toMatchObject({ functionError: undefined, statusCode: 500 });
  });

  it("serves the handler's EMF metrics through CloudWatch's GetMetricData, by the SDK", async () => {
    const sum = async (MetricName: string) => {
      const { MetricDataResults } = await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(startedMs - 60_000),
          EndTime: new Date(Date.now() + 1_000),
          MetricDataQueries: [
            {
              Id: 'm',
              MetricStat: {
                Metric: {
                  Namespace: 'Turnout/Modules',
                  MetricName,
                  Dimensions: [
                    { Name: 'FunctionName', Value: 'turnout-probe' },
                    { Name: 'ExecutedVersion', Value: '1' },
                  ],
                },
                Period: 3600,
                Stat: 'Sum',
              },
            },
          ],
        }),
      );
      return MetricDataResults?.[0]?.Values?.reduce((a, b) => a + b, 0) ?? 0;
    };
    // The log reaches the local Lambda a moment after the answer, as it reaches CloudWatch.
    await expect.poll(() => sum('Requests')).toBeGreaterThanOrEqual(10);
    expect(await sum('ServerErrors')).toBeGreaterThanOrEqual(3);
    expect(await sum('ClientErrors')).toBe(1);
  });

  it('shows the bake the 500s that AWS/Lambda misses', async () => {
    const window = {
      functionName: 'turnout-probe',
      version: '1',
      sinceMs: startedMs - 1_000,
      untilMs: Date.now() + 1_000,
    };
    const getMetricData = (input: Parameters<typeof lambda.getMetricData>[0]) =>
      cloudwatch.send(new GetMetricDataCommand(input));
    const modules = moduleMetricsHealthSource({ getMetricData, resolutionSeconds: 1 });
    await expect.poll(async () => (await modules.read(window)).errors).toBeGreaterThanOrEqual(3);
    // Lambda's own metrics, read the same way, saw only successful invokes.
    const invokesOnVersion = metricsHealthSource({
      getMetricData,
      alias: '1',
      resolutionSeconds: 1,
    });
    expect(await invokesOnVersion.read(window)).toMatchObject({ errors: 0 });
  });
});
