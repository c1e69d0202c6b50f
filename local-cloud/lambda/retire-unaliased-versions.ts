import { aliasesUsing } from './aliases.ts';
import type { FunctionRecord } from './types.ts';
import type { VersionPools } from './version-pools.ts';

/**
 * Ends the execution environments of each published version of `fn` that no alias routes
 * to any more and no provisioned concurrency config names: once `live` moved on, nothing
 * sends them traffic, and each live edit would otherwise leave a pool of processes
 * running. Lambda, too, reclaims idle environments (after minutes); the version stays
 * invocable, and its next invoke starts a fresh environment. Busy environments finish
 * their invoke first.
 *
 * @example
 * retireUnaliasedVersions(fn, { pools, keepsVersion: provisioned.keepsVersion });
 */
export function retireUnaliasedVersions(
  fn: FunctionRecord,
  context: {
    pools: Pick<VersionPools, 'versionsOf' | 'retire'>;
    keepsVersion(functionName: string, version: string): boolean;
  },
): void {
  for (const version of context.pools.versionsOf(fn.name)) {
    if (version === '$LATEST') continue;
    if (aliasesUsing(fn, version).length > 0 || context.keepsVersion(fn.name, version)) continue;
    context.pools.retire(fn.name, version);
  }
}
