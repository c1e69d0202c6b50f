import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  LOCAL_CREDENTIALS,
} from '../control-plane/aws/index.ts';
import { alarmHealthSource } from '../control-plane/deploy/alarm-health-source.ts';
// The files alone, not the deploy folder's index: it loads the whole pipeline (the
// build, the publish), which status and rollback, the commands that must start
// fastest, never use.
import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';
import {
  createDeploymentStore,
  type DeploymentStore,
  ensureDeploymentsTable,
} from '../control-plane/deploy/deployment-store.ts';
import { gatewayHealthSource } from '../control-plane/deploy/gateway-health-source.ts';
import { metricsHealthSource } from '../control-plane/deploy/metrics-health-source.ts';
import { moduleMetricsHealthSource } from '../control-plane/deploy/module-metrics-health-source.ts';
import {
  expandTargets,
  type PipelineDefinition,
  pipelineNames,
} from '../control-plane/deploy/pipeline-definition.ts';
// The naming file alone: the kit's index loads graphql-tools and zod.
import { DEFAULT_RESOURCE_PREFIX, LIVE_ALIAS } from '../modules/kit/resource-names.ts';
// The endpoints file alone: the dev folder's index loads the gateway and the local cloud.
import { createLazyCloudWatch } from './create-lazy-cloudwatch.ts';
import { readEndpointsFile } from './dev/endpoints-file.ts';
import { NoEnvironmentError } from './errors.ts';
import { registerTypeScript } from './register-typescript.ts';

/** Everything a control-plane command talks to: the targets, and the first one's clients. */
export interface Environment {
  description: string;
  targets: DeployTarget[];
  /** The clients of the first target, where records and the registry are read. */
  clients: AwsClients;
  store: DeploymentStore;
  registryTable: string;
  /** The resource prefix of every target: functions are `<prefix>-<module>`. */
  resourcePrefix: string;
  close(): void;
}

/**
 * Finds where commands act. With `--pipeline <file>`, the AWS targets it defines (with
 * the credentials the SDK finds, and the gateways' health token from TURNOUT_HEALTH_TOKEN).
 * Otherwise the running `turnout dev`, found through `.turnout/endpoints.json`.
 *
 * Where each target's bake reads health:
 *
 * | source | AWS | local |
 * |---|---|---|
 * | `gateway` (the gateways' samples) | yes | yes |
 * | `module-metrics` (the kit's EMF metrics, contract 6) | CloudWatch | the local Lambda |
 * | `lambda-metrics` (`AWS/Lambda`) | CloudWatch | no: the gateway sees what it would |
 * | `alarms` (the alias alarms) | CloudWatch | no: the local cloud has no alarms |
 */
export async function openEnvironment({
  root,
  pipelineFile,
  env = process.env,
}: {
  root: string;
  pipelineFile?: string;
  /** Where `TURNOUT_RESOURCE_PREFIX` is read when the pipeline names no prefix. */
  env?: Record<string, string | undefined>;
}): Promise<Environment> {
  if (pipelineFile) return openPipeline(await loadPipeline(join(root, pipelineFile)), env);
  const endpointsFile = join(root, '.turnout', 'endpoints.json');
  const local = await readEndpointsFile(endpointsFile);
  if (!local) throw new NoEnvironmentError(endpointsFile);
  const clients = createAwsClients({
    region: local.region,
    endpoints: local,
    credentials: LOCAL_CREDENTIALS,
  });
  // The local Lambda serves CloudWatch's GetMetricData itself: the metrics are its own.
  const cloudwatch = createLazyCloudWatch({
    region: local.region,
    endpoint: local.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  const target: DeployTarget = {
    name: 'local',
    lambda: clients.lambda,
    documents: clients.documents,
    registryTable: local.registryTable,
    // The local cloud names everything under the default prefix.
    resourcePrefix: DEFAULT_RESOURCE_PREFIX,
    healthSources: [
      ...(local.gateway
        ? [gatewayHealthSource({ urls: [local.gateway], token: local.gatewayHealthToken })]
        : []),
      moduleMetricsHealthSource({ getMetricData: cloudwatch.getMetricData, resolutionSeconds: 1 }),
    ],
    gatewayUrls: local.gateway ? [local.gateway] : [],
    gatewayHealthToken: local.gatewayHealthToken,
  };
  return {
    description: `the local cloud of \`turnout dev\` (process ${local.pid})`,
    targets: [target],
    clients,
    store: createDeploymentStore({ documents: clients.documents, table: local.deploymentsTable }),
    registryTable: local.registryTable,
    resourcePrefix: DEFAULT_RESOURCE_PREFIX,
    close: () => {
      destroyAwsClients(clients);
      cloudwatch.destroy();
    },
  };
}

async function loadPipeline(file: string): Promise<PipelineDefinition> {
  if (/\.[cm]?ts$/.test(file)) await registerTypeScript();
  const loaded = (await import(pathToFileURL(file).href)) as { default?: PipelineDefinition };
  if (!loaded.default)
    throw new Error(
      `${file} has no default export: end it with \`export default definePipeline({...})\`.`,
    );
  return loaded.default;
}

async function openPipeline(
  definition: PipelineDefinition,
  env: Record<string, string | undefined>,
  // A secret: from the environment (CI's secret store), never from the pipeline file.
  gatewayHealthToken = process.env.TURNOUT_HEALTH_TOKEN || undefined,
): Promise<Environment> {
  const { resourcePrefix, registryTable, deploymentsTable } = pipelineNames(definition, env);
  const opened = expandTargets(definition).map((spec) => {
    const clients = createAwsClients({ region: spec.region });
    const cloudwatch = createLazyCloudWatch({ region: spec.region });
    const { getMetricData, describeAlarms } = cloudwatch;
    const target: DeployTarget = {
      name: spec.name,
      ...(spec.cell ? { cell: spec.cell } : {}),
      lambda: clients.lambda,
      documents: clients.documents,
      registryTable,
      resourcePrefix,
      healthSources: [
        gatewayHealthSource({ urls: spec.gatewayUrls, token: gatewayHealthToken }),
        // REST clients behind the shared domain reach modules through API Gateway
        // mappings, which no gateway sees, and a 500 a handler answers is no Lambda error.
        moduleMetricsHealthSource({ getMetricData }),
        metricsHealthSource({ alias: LIVE_ALIAS, getMetricData }),
        alarmHealthSource({ alias: LIVE_ALIAS, describeAlarms }),
      ],
      gatewayUrls: spec.gatewayUrls,
      gatewayHealthToken,
    };
    return { target, clients, cloudwatch };
  });
  const first = opened[0];
  if (!first)
    throw new Error(
      'The pipeline definition has no targets: give it at least one stage with one Region.',
    );
  // The records live with the first target; its first deployment creates their table.
  await ensureDeploymentsTable(first.clients.dynamo, deploymentsTable);
  return {
    description: `the pipeline's ${opened.length} target(s): ${opened.map((o) => o.target.name).join(', ')}`,
    targets: opened.map((o) => o.target),
    clients: first.clients,
    store: createDeploymentStore({
      documents: first.clients.documents,
      table: deploymentsTable,
    }),
    registryTable,
    resourcePrefix,
    close: () => {
      for (const o of opened) {
        destroyAwsClients(o.clients);
        o.cloudwatch.destroy();
      }
    },
  };
}
