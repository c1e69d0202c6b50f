import type { DeploymentRecord } from '../../contracts/deployment-record.ts';

/**
 * Why a running deployment is paused, one line per module and target still waiting: the
 * last `pause` decision not followed by an `unpause` (`waitWhileRegionOff`). Empty when
 * it is not paused, or no longer runs.
 *
 * @example
 * findPauses(record); // ['alerts@prod-us-west-2 since 2026-12-07T04:10:00.000Z: paused: routing control ... is Off ...']
 */
export function findPauses(record: DeploymentRecord): string[] {
  if (record.state !== 'running') return [];
  const last = new Map<string, DeploymentRecord['events'][number]>();
  for (const event of record.events) {
    if (event.name !== 'pause' && event.name !== 'unpause') continue;
    last.set(`${event.module}@${event.target}`, event);
  }
  return [...last]
    .filter(([, event]) => event.name === 'pause')
    .map(([where, event]) => `${where} since ${event.at}: ${event.detail}`);
}
