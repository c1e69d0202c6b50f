/**
 * Each module's bundle, built as the pipeline builds it, run in a process whose
 * environment is exactly what its stack declares on the function (plus what Lambda's
 * runtime adds: Region, credentials; and, here, the local cloud's endpoints), answers
 * its smoke checks: as the gateway invokes it, and as API Gateway invokes it through the
 * module's API mapping on the shared domain. What a module needs at runtime that its
 * manifest does not declare shows up here, not in AWS.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModule } from '../control-plane/build/index.ts';
import { runSmokeChecks } from '../control-plane/deploy/index.ts';
import { type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import { ensureModuleQueues, ensureModuleTables } from '../local-cloud/provision/index.ts';
import type { ModuleManifest } from '../modules/kit/index.ts';
import { listModuleNames } from '../stacks/list-module-names.ts';
import { loadModuleManifests } from '../stacks/load-module-manifests.ts';
import { ModuleStack } from '../stacks/module-stack.ts';
import {
  one,
  type PulumiRecorder,
  type RecordedResource,
  usePulumiMocks,
} from '../stacks/pulumi-test-mocks.ts';
import { testCode } from '../stacks/test-fixtures.ts';
import { type BundleProcess, startBundleProcess } from './support/start-bundle-process.ts';

const DOMAIN = 'api.example.com';
const modules = listModuleNames('modules');

let cloud: LocalCloud;
let recorder: PulumiRecorder;
let manifests: ModuleManifest[];
let buildRoot: string;

beforeAll(async () => {
  [cloud, recorder, manifests, buildRoot] = await Promise.all([
    startLocalCloud(),
    usePulumiMocks('us-east-1'),
    loadModuleManifests(modules),
    mkdtemp(join(tmpdir(), 'turnout-bundles-')),
  ]);
}, 120_000);

afterAll(async () => {
  await cloud?.stop();
  if (buildRoot) await rm(buildRoot, { recursive: true, force: true });
});

/**
 * What the module's stack declares: its function's environment and its API's id. SQS
 * (here the local one) says what each queue's URL is, as in AWS.
 */
async function renderStack(
  manifest: ModuleManifest,
  queueUrls: Record<string, string>,
): Promise<{
  environment: Record<string, string>;
  resources: RecordedResource[];
}> {
  recorder.reset();
  for (const [name, url] of Object.entries(queueUrls)) recorder.queueUrls.set(name, url);
  new ModuleStack(
    'Module',
    {
      manifest,
      otherModules: manifests.filter((m) => m !== manifest),
      region: cloud.region,
      domain: DOMAIN,
      code: testCode,
      // The local cloud's services stand in for the stage's (AWARDS_SERVICE_URL, ...).
      stage: { name: 'local-us-east-1', settings: cloud.stageSettings },
    },
    { transformations: recorder.transformations },
  );
  const resources = await recorder.settle();
  const fn = one(resources, 'aws:lambda/function:Function');
  const { variables } = fn.inputs.environment as { variables: Record<string, string> };
  return { environment: variables, resources };
}

/** What Lambda's runtime adds to a function's environment, and where the local cloud is. */
function runtimeEnvironment(functionName: string): Record<string, string> {
  return {
    AWS_REGION: cloud.region,
    AWS_DEFAULT_REGION: cloud.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_ENDPOINT_URL_DYNAMODB: cloud.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: cloud.endpoints.sqs,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * The module's tables and queues under the names its stack gives them, seeded.
 * @returns each queue's URL by its physical name
 */
async function provisionData(manifest: ModuleManifest): Promise<Record<string, string>> {
  const [tables, queues] = await Promise.all([
    ensureModuleTables(manifest, cloud.clients.dynamo),
    ensureModuleQueues(manifest, cloud.clients.sqs),
  ]);
  const seed = (await import(`../modules/${manifest.name}/seed.ts`).catch(() => ({}))) as {
    default?: (input: { documents: unknown; tables: Record<string, string> }) => Promise<void>;
  };
  await seed.default?.({ documents: cloud.clients.documents, tables });
  return Object.fromEntries(
    Object.values(queues).map(({ url }) => [url.slice(url.lastIndexOf('/') + 1), url]),
  );
}

/** A Lambda client whose every invoke runs the bundle's handler, reshaping the event first. */
function invokerOf(
  bundle: BundleProcess,
  reshape: (event: APIGatewayProxyEventV2) => unknown = (event) => event,
): LambdaClient {
  return {
    async send(command: InvokeCommand) {
      const event = JSON.parse(new TextDecoder().decode(command.input.Payload as Uint8Array));
      const answer = await bundle.invoke(reshape(event));
      return {
        Payload: new TextEncoder().encode(answer.payload),
        FunctionError: answer.functionError,
      };
    },
  } as unknown as LambdaClient;
}

/**
 * The event API Gateway sends through the module's API mapping on the shared domain: the
 * path whole, mapping key included (the gateway sends the same `rawPath`), from the
 * custom domain, on the module's own API. That the key stays in `rawPath` is what the
 * stacks assume and no account has confirmed: AWS's Lambda-integration guide says a
 * payload 2.0 `rawPath` "won't provide the API mapping value" (stacks/README.md).
 */
function throughApiMapping(manifest: ModuleManifest, apiId: string) {
  const keys = (manifest.rest?.prefixes ?? []).map((prefix) => prefix.slice(1));
  return (event: APIGatewayProxyEventV2): APIGatewayProxyEventV2 => {
    const key = keys.find((k) => event.rawPath === `/${k}` || event.rawPath.startsWith(`/${k}/`));
    if (!key) throw new Error(`${event.rawPath} is under none of the mapping keys ${keys}`);
    const sourceIp = '198.51.100.7';
    return {
      ...event,
      headers: {
        ...event.headers,
        host: DOMAIN,
        'x-forwarded-for': sourceIp,
        'x-forwarded-port': '443',
        'x-forwarded-proto': 'https',
      },
      requestContext: {
        ...event.requestContext,
        accountId: '123456789012',
        apiId,
        domainName: DOMAIN,
        domainPrefix: DOMAIN.split('.')[0] as string,
        http: { ...event.requestContext.http, path: event.rawPath, sourceIp },
      },
    };
  };
}

describe('module bundles with the environment their stack declares', () => {
  it.each(modules)('%s answers its smoke checks', async (name) => {
    const manifest = manifests.find((m) => m.name === name) as ModuleManifest;
    const [queueUrls, bundle] = await Promise.all([
      provisionData(manifest),
      buildModule({
        directory: join('modules', name),
        outputDirectory: join(buildRoot, name),
        handler: manifest.function.handler,
      }),
    ]);
    const { environment, resources } = await renderStack(manifest, queueUrls);
    const functionName = String(one(resources, 'aws:lambda/function:Function').inputs.name);
    const runtime = runtimeEnvironment(functionName);
    // Lambda refuses a function whose variables it reserves: nothing declared may clash.
    expect(Object.keys(environment).filter((key) => key in runtime)).toEqual([]);
    const [file, exportName = 'handler'] = [
      join(bundle.directory, bundle.entry),
      manifest.function.handler.split('.').at(-1),
    ];
    const fn = startBundleProcess({ file, exportName, env: { ...environment, ...runtime } });
    try {
      const checks = manifest.smokeChecks;
      expect(checks.length).toBeGreaterThan(0);
      const asGateway = await runSmokeChecks(invokerOf(fn), {
        functionName,
        qualifier: 'live',
        checks,
      });
      expect(
        asGateway.filter((r) => !r.passed),
        fn.stderr(),
      ).toEqual([]);
      const restChecks = checks.filter((check) => 'rest' in check);
      if (restChecks.length === 0) return;
      const api = one(resources, 'aws:apigatewayv2/api:Api');
      const asMapped = await runSmokeChecks(
        invokerOf(fn, throughApiMapping(manifest, `${api.name}-id`)),
        { functionName, qualifier: 'live', checks: restChecks },
      );
      expect(
        asMapped.filter((r) => !r.passed),
        fn.stderr(),
      ).toEqual([]);
    } finally {
      await fn.stop();
    }
  });
});
