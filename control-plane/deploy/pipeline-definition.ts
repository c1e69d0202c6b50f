// The kit's files alone: its index loads graphql-tools and zod.
import { checkResourcePrefix } from '../../modules/kit/check-resource-prefix.ts';
import {
  DEFAULT_RESOURCE_PREFIX,
  deploymentsTableName,
  registryTableName,
} from '../../modules/kit/resource-names.ts';
import type { ClusterEndpoint } from '../regions/index.ts';

/**
 * Where a release goes, in order: stages (e.g. preprod, then prod), within a stage its
 * Regions, within a Region its cells. The first target of each stage is its one-box:
 * a bad version meets a small slice of real traffic there first.
 *
 * @example
 * export default definePipeline({
 *   stages: [
 *     { name: 'preprod', regions: [{ region: 'us-east-1', gatewayUrls: ['https://preprod.api.example.com'] }] },
 *     { name: 'prod', regions: [
 *       { region: 'us-east-1', gatewayUrls: ['https://use1.api.example.com'], cells: ['cell-1', 'cell-2'] },
 *       { region: 'us-west-2', gatewayUrls: ['https://usw2.api.example.com'] },
 *     ] },
 *   ],
 * });
 */
export interface PipelineDefinition {
  stages: {
    name: string;
    regions: {
      region: string;
      /** The gateways whose health samples the bake reads. */
      gatewayUrls: string[];
      /**
       * Each cell becomes a target of its own, after the Region's, in this order. Not yet
       * a cell of its own: every cell's target shares the Region's clients and function
       * names, so a second cell deploys nothing new (the cells issue builds real ones).
       */
      cells?: string[];
      /**
       * This Region's Route 53 ARC routing control (the stacks' `routingControlArn`
       * output): while it is off (failed away from), no traffic step runs here. Read
       * through `routingControl.clusterEndpoints`.
       */
      routingControlArn?: string;
    }[];
  }[];
  /**
   * The ARC cluster whose data plane says which Regions are on: its endpoints, tried in
   * turn (`aws route53-recovery-control-config describe-cluster` lists them).
   */
  routingControl?: { clusterEndpoints: ClusterEndpoint[] };
  /**
   * The first part of every physical name, the same as the stacks' (their
   * `TURNOUT_RESOURCE_PREFIX`): the pipeline publishes `<prefix>-<module>`, and the
   * registry names that function for the gateway.
   * @default TURNOUT_RESOURCE_PREFIX where the pipeline runs, else 'turnout'
   */
  resourcePrefix?: string;
  /** @default `<resourcePrefix>-registry`, the table the gateway stack created */
  registryTable?: string;
  /** @default `<resourcePrefix>-deployments` */
  deploymentsTable?: string;
}

/** One target, before it has clients. */
export interface TargetSpec {
  name: string;
  stage: string;
  region: string;
  cell?: string;
  gatewayUrls: string[];
  routingControlArn?: string;
}

export function definePipeline(definition: PipelineDefinition): PipelineDefinition {
  return definition;
}

/** The physical names a pipeline works with, the same as the stacks made. */
export interface PipelineNames {
  resourcePrefix: string;
  registryTable: string;
  deploymentsTable: string;
}

/**
 * The names a pipeline reads and writes: its own prefix, else the stacks' variable
 * `TURNOUT_RESOURCE_PREFIX`, else `turnout`; the tables named from it unless the
 * definition names them.
 *
 * @throws ResourcePrefixError when the prefix cannot name resources
 * @example
 * pipelineNames(definition, process.env); // { resourcePrefix: 'turnout', registryTable: 'turnout-registry', ... }
 */
export function pipelineNames(
  definition: Pick<PipelineDefinition, 'resourcePrefix' | 'registryTable' | 'deploymentsTable'>,
  env: Record<string, string | undefined>,
): PipelineNames {
  const resourcePrefix = checkResourcePrefix(
    definition.resourcePrefix ?? (env.TURNOUT_RESOURCE_PREFIX || DEFAULT_RESOURCE_PREFIX),
  );
  return {
    resourcePrefix,
    registryTable: definition.registryTable ?? registryTableName(resourcePrefix),
    deploymentsTable: definition.deploymentsTable ?? deploymentsTableName(resourcePrefix),
  };
}

/** The targets in the order a release visits them: stage, then Region, then cell. */
export function expandTargets(definition: PipelineDefinition): TargetSpec[] {
  return definition.stages.flatMap((stage) =>
    stage.regions.flatMap(({ region, gatewayUrls, cells, routingControlArn }) =>
      (cells?.length ? cells : [undefined]).map((cell) => ({
        name: [stage.name, region, cell].filter(Boolean).join('-'),
        stage: stage.name,
        region,
        gatewayUrls,
        ...(cell ? { cell } : {}),
        ...(routingControlArn ? { routingControlArn } : {}),
      })),
    ),
  );
}
