import { join } from 'node:path';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  LOCAL_CREDENTIALS,
} from '../../control-plane/aws/index.ts';
import { createRoutingControls, type RoutingControls } from '../../control-plane/regions/index.ts';
import type { FrontDoorStatus } from '../../local-cloud/front-door/index.ts';
import { createLazyCloudWatch } from '../create-lazy-cloudwatch.ts';
import { type MultiRegionEndpoints, readEndpointsFile } from '../dev/endpoints-file.ts';
import { NoEnvironmentError } from '../errors.ts';
import type { GatewayMetricsSource } from './gateway-metrics.ts';

/** One Region as the regions and failover commands reach it. */
export interface OpenRegion {
  region: string;
  clients: AwsClients;
  cloudwatch: ReturnType<typeof createLazyCloudWatch>;
  /**
   * Where the gateway's figures come from when no front door tells (AWS): its CloudWatch
   * metrics, and the address whose `/_turnout/live` says whether it is up.
   */
  gateway?: { metrics: GatewayMetricsSource; url?: string };
}

/** The Regions of a running `turnout dev --regions`, their routing controls and front door. */
export interface OpenRegions {
  regions: OpenRegion[];
  controls: RoutingControls;
  registryTable: string;
  failoversTable: string;
  /** Where failover records are written: the first Region's tables (replicated to the rest). */
  recordsDocuments: AwsClients['documents'];
  /** The front door's status, or undefined when it does not answer. */
  frontDoorStatus(): Promise<FrontDoorStatus | undefined>;
  close(): void;
}

/**
 * Opens the Regions the commands act on. With `pipelineFile`, one stage's AWS Regions as
 * the pipeline definition names them (`openPipelineRegions`); otherwise the local Regions
 * of the running `turnout dev --regions`, found through `.turnout/endpoints.json`.
 */
export async function openRegions(
  root: string,
  options: { pipelineFile?: string; stage?: string } = {},
): Promise<OpenRegions> {
  if (options.pipelineFile) {
    const { loadPipeline } = await import('../open-environment.ts');
    const { openPipelineRegions } = await import('./open-pipeline-regions.ts');
    const definition = await loadPipeline(join(root, options.pipelineFile));
    return openPipelineRegions(definition, options.stage ? { stage: options.stage } : {});
  }
  if (options.stage)
    throw new Error('--stage needs --pipeline <file>: `turnout dev --regions` has no stages.');
  const file = join(root, '.turnout', 'endpoints.json');
  const local = await readEndpointsFile(file);
  if (!local) throw new NoEnvironmentError(file);
  const multi: MultiRegionEndpoints | undefined = local.multiRegion;
  if (!multi)
    throw new Error(
      'The running `turnout dev` has one Region: start it with `turnout dev --regions us-east-1,us-west-2` to have Regions to show and fail over.',
    );
  const regions = multi.regions.map((r) => ({
    region: r.region,
    clients: createAwsClients({ region: r.region, endpoints: r, credentials: LOCAL_CREDENTIALS }),
    // The local Lambda serves CloudWatch's GetMetricData itself.
    cloudwatch: createLazyCloudWatch({
      region: r.region,
      endpoint: r.lambda,
      credentials: LOCAL_CREDENTIALS,
    }),
  }));
  const controls = createRoutingControls({
    clusterEndpoints: multi.recoveryCluster.endpoints,
    controlPanelArn: multi.recoveryCluster.controlPanelArn,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    regions,
    controls,
    registryTable: local.registryTable,
    failoversTable: multi.failoversTable,
    recordsDocuments: (regions[0] as OpenRegion).clients.documents,
    frontDoorStatus: async () => {
      const response = await fetch(new URL('/_turnout/front-door', multi.frontDoor), {
        headers: { 'x-turnout-health-token': multi.frontDoorToken },
        signal: AbortSignal.timeout(5_000),
      }).catch(() => undefined);
      return response?.ok ? ((await response.json()) as FrontDoorStatus) : undefined;
    },
    close: () => {
      controls.destroy();
      for (const r of regions) {
        destroyAwsClients(r.clients);
        r.cloudwatch.destroy();
      }
    },
  };
}
