import type { ConsoleRegions } from './console-environment.ts';
import { ConsoleNotFoundError } from './errors.ts';

/** How many failover records the Regions page lists. */
const RECENT_FAILOVERS = 10;

/**
 * The Regions page: every Region as `turnout regions` reports it (routing control,
 * health, the gateway's recent traffic, each module's live version, replication lag)
 * and the latest failovers, read through the CLI's own functions.
 */
export async function readRegionsView(regions: ConsoleRegions | undefined) {
  if (!regions)
    throw new ConsoleNotFoundError(
      'This environment has one Region. To see Regions here: locally, `turnout dev --regions us-east-1,us-west-2` (its console has them); in AWS, `turnout console --pipeline <file>` with a pipeline that names its ARC cluster (`routingControl.clusterEndpoints`).',
    );
  const [report, failovers] = await Promise.all([regions.report(), regions.failovers()]);
  return { ...report, failovers: failovers.slice(0, RECENT_FAILOVERS) };
}
