import { join } from 'node:path';
import type { ConsoleRegions } from '../../console/index.ts';
import { listFailoverRecords } from '../../control-plane/regions/index.ts';
import { readEndpointsFile } from '../dev/endpoints-file.ts';
import { loadPipeline } from '../open-environment.ts';
import { buildRegionsReport } from './build-regions-report.ts';
import { failOver } from './fail-over.ts';
import { type OpenRegions, openRegions } from './open-regions.ts';

/** Where the console finds its Regions: the options `turnout regions` takes. */
export interface ConsoleRegionsOptions {
  /** A pipeline definition, relative to the root: one stage's AWS Regions. */
  pipelineFile?: string;
  /** With pipelineFile, the stage whose Regions to show (needed when several name routing controls). */
  stage?: string;
}

/**
 * The console's view of the Regions `turnout regions` and `turnout failover` would act
 * on (the running `turnout dev --regions`, or with `pipelineFile` one stage of a pipeline
 * definition in AWS): their report and switch, the same functions, so the page and the
 * commands read and record alike. Undefined when the environment has one Region: a
 * local `turnout dev` without --regions, or a pipeline that names no ARC cluster and no
 * stage was asked for.
 */
export async function openConsoleRegions(
  root: string,
  options: ConsoleRegionsOptions = {},
): Promise<(ConsoleRegions & { close(): void }) | undefined> {
  if (!(await hasRegions(root, options))) return undefined;
  const open = await openRegions(root, options);
  return consoleRegionsOf(open);
}

/**
 * Whether the environment has Regions to show. A pipeline's errors (an unknown stage,
 * Regions without a routing control) are left to openRegions to explain, once the
 * operator asked for Regions with --stage or the definition names an ARC cluster.
 */
async function hasRegions(root: string, options: ConsoleRegionsOptions): Promise<boolean> {
  if (options.pipelineFile) {
    if (options.stage) return true;
    const definition = await loadPipeline(join(root, options.pipelineFile));
    return (definition.routingControl?.clusterEndpoints ?? []).length > 0;
  }
  // openRegions says why --stage needs --pipeline.
  if (options.stage) return true;
  const endpoints = await readEndpointsFile(join(root, '.turnout', 'endpoints.json'));
  return Boolean(endpoints?.multiRegion);
}

function consoleRegionsOf(open: OpenRegions): ConsoleRegions & { close(): void } {
  return {
    names: open.regions.map((r) => r.region),
    report: () => buildRegionsReport(open),
    failovers: () => listFailoverRecords(open.recordsDocuments, open.failoversTable),
    failOver: async (request) => {
      const result = await failOver(open, {
        ...request,
        // The page answers once the front door has acted; the CLI watches longer to print figures.
        watchMs: 5_000,
      });
      return {
        plan: result.plan,
        changed: result.changed,
        ...(result.record ? { record: result.record } : {}),
      };
    },
    close: () => open.close(),
  };
}
