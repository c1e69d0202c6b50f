import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  type StaticCredentials,
} from '../../control-plane/aws/index.ts';
import {
  type PipelineDefinition,
  pipelineNames,
} from '../../control-plane/deploy/pipeline-definition.ts';
import { createRoutingControls } from '../../control-plane/regions/index.ts';
import { createLazyCloudWatch } from '../create-lazy-cloudwatch.ts';
import { gatewayMetricsSource } from './gateway-metrics.ts';
import type { OpenRegion, OpenRegions } from './open-regions.ts';

export interface OpenPipelineRegionsOptions {
  /** The stage whose Regions to show and fail over; needed when several name routing controls. */
  stage?: string;
  /** Where `TURNOUT_RESOURCE_PREFIX` is read when the pipeline names no prefix. */
  env?: Record<string, string | undefined>;
  /** A Region's clients: the SDK's defaults (AWS) unless given (the tests' local Regions). */
  openRegion?: (region: string) => OpenRegion;
  /** For the ARC cluster's endpoints: the SDK's chain (AWS) unless given. */
  clusterCredentials?: StaticCredentials;
  /**
   * The finest period of the gateway's metrics: 60 s in CloudWatch, 1 s for the local
   * Lambda the tests stand in for a Region with.
   * @default 60
   */
  metricsResolutionSeconds?: number;
}

/**
 * The Regions of one stage of a pipeline definition, in AWS: each Region's clients (its
 * registry replica, its functions, its CloudWatch), the routing controls the definition
 * names (each Region's `routingControlArn`, read and flipped through
 * `routingControl.clusterEndpoints`, tried in turn), and failover records written to the
 * registry table. The registry, because it is the one table the stacks make global: a
 * record written in the Region traffic goes to survives the Region traffic left. AWS has
 * no front door to ask: each Region's gateway figures are CloudWatch's (`gatewayMetricsSource`),
 * its health its `/_turnout/live` at the Region's first gateway URL.
 *
 * @example
 * const open = openPipelineRegions(await loadPipeline('pipeline.ts'), { stage: 'prod' });
 */
export function openPipelineRegions(
  definition: PipelineDefinition,
  options: OpenPipelineRegionsOptions = {},
): OpenRegions {
  const stage = chooseStage(definition, options.stage);
  const clusterEndpoints = definition.routingControl?.clusterEndpoints ?? [];
  if (clusterEndpoints.length === 0)
    throw new Error(
      "The pipeline definition names no ARC cluster: add `routingControl: { clusterEndpoints: [{ endpoint, region }, ...] }` (the home gateway stack's `clusterEndpoints` output, or `aws route53-recovery-control-config describe-cluster`).",
    );
  const { registryTable, resourcePrefix } = pipelineNames(definition, options.env ?? process.env);
  const routingControlArns = Object.fromEntries(
    stage.regions.map((r) => [r.region, r.routingControlArn as string]),
  );
  const openRegion = options.openRegion ?? openAwsRegion;
  const regions = stage.regions.map(({ region, gatewayUrls }): OpenRegion => {
    const opened = openRegion(region);
    const metrics = gatewayMetricsSource({
      gatewayUrls,
      resourcePrefix,
      ...(options.metricsResolutionSeconds
        ? { resolutionSeconds: options.metricsResolutionSeconds }
        : {}),
    });
    return {
      ...opened,
      gateway: opened.gateway ?? { metrics, ...(gatewayUrls[0] ? { url: gatewayUrls[0] } : {}) },
    };
  });
  const controls = createRoutingControls({
    clusterEndpoints,
    routingControlArns,
    ...(options.clusterCredentials ? { credentials: options.clusterCredentials } : {}),
  });
  return {
    regions,
    controls,
    registryTable,
    failoversTable: registryTable,
    recordsDocuments: (regions[0] as OpenRegion).clients.documents,
    frontDoorStatus: async () => undefined,
    close: () => {
      controls.destroy();
      for (const r of regions) {
        destroyAwsClients(r.clients);
        r.cloudwatch.destroy();
      }
    },
  };
}

type Stage = PipelineDefinition['stages'][number];

/** The stage named, or the one stage whose Regions all name a routing control. */
function chooseStage(definition: PipelineDefinition, name: string | undefined): Stage {
  const controlled = (s: Stage) => s.regions.every((r) => r.routingControlArn);
  if (name) {
    const stage = definition.stages.find((s) => s.name === name);
    if (!stage)
      throw new Error(
        `--stage ${name}: the pipeline has no such stage; choose one of ${definition.stages.map((s) => s.name).join(', ')}.`,
      );
    const missing = stage.regions.filter((r) => !r.routingControlArn).map((r) => r.region);
    if (missing.length)
      throw new Error(
        `Stage ${name}: ${missing.join(', ')} name no routingControlArn. Add each Region's ARN (the home gateway stack's \`routingControlArns\` output) to the pipeline definition.`,
      );
    return stage;
  }
  const candidates = definition.stages.filter((s) => s.regions.length > 0 && controlled(s));
  if (candidates.length === 1) return candidates[0] as Stage;
  if (candidates.length === 0)
    throw new Error(
      "No stage of the pipeline names a routing control for each of its Regions: add each Region's `routingControlArn` (the home gateway stack's `routingControlArns` output).",
    );
  throw new Error(
    `Several stages name routing controls (${candidates.map((s) => s.name).join(', ')}): say which with --stage <name>.`,
  );
}

/** One AWS Region with the credentials the SDK finds. */
function openAwsRegion(region: string): OpenRegion {
  const clients: AwsClients = createAwsClients({ region });
  return { region, clients, cloudwatch: createLazyCloudWatch({ region }) };
}
