import type {
  PipelineDefinition,
  TargetSpec,
} from '../control-plane/deploy/pipeline-definition.ts';
import {
  createRegionServingReader,
  type RegionServingReader,
} from '../control-plane/deploy/region-serving.ts';

/**
 * The routing control reader a pipeline's targets ask before each traffic step, when its
 * definition names an ARC cluster and at least one Region's routing control; undefined
 * otherwise (every Region always serves). A Region named without a cluster, or a cluster
 * with no endpoint, is a mistake in the file: refused before anything deploys.
 */
export function openRegionServing(
  definition: PipelineDefinition,
  specs: readonly TargetSpec[],
): RegionServingReader | undefined {
  const routingControls = Object.fromEntries(
    specs.flatMap((s) => (s.routingControlArn ? [[s.region, s.routingControlArn]] : [])),
  );
  const endpoints = definition.routingControl?.clusterEndpoints ?? [];
  if (!Object.keys(routingControls).length) return undefined;
  if (!endpoints.length)
    throw new Error(
      'The pipeline definition names routing controls but no cluster to read them from: add ' +
        '`routingControl: { clusterEndpoints: [{ endpoint, region }, ...] }` (from ' +
        '`aws route53-recovery-control-config describe-cluster`).',
    );
  return createRegionServingReader({ clusterEndpoints: endpoints, routingControls });
}
