import { join } from 'node:path';
import type { ConsoleRegions } from '../../console/index.ts';
import { listFailoverRecords } from '../../control-plane/regions/index.ts';
import { readEndpointsFile } from '../dev/endpoints-file.ts';
import { buildRegionsReport } from './build-regions-report.ts';
import { failOver } from './fail-over.ts';
import { openRegions } from './open-regions.ts';

/**
 * The console's view of the running `turnout dev --regions`: `turnout regions`'s report
 * and `turnout failover`'s switch, the same functions, so the page and the commands read
 * and record alike. Undefined when the environment has one Region.
 */
export async function openConsoleRegions(
  root: string,
): Promise<(ConsoleRegions & { close(): void }) | undefined> {
  const endpoints = await readEndpointsFile(join(root, '.turnout', 'endpoints.json'));
  if (!endpoints?.multiRegion) return undefined;
  const open = await openRegions(root);
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
