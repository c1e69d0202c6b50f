import type { RouteEntry } from '../registry/index.ts';
import type { PublishProblem } from './errors.ts';

/**
 * The REST prefixes a module asks for that another module already owns. A longer
 * prefix under another module's (`/fleet/loads` under `/fleet`) is fine: the gateway
 * routes by the longest match.
 *
 * @example
 * findPrefixConflicts('message', ['/message'], latest.routes);
 */
export function findPrefixConflicts(
  module: string,
  prefixes: readonly string[],
  routes: readonly RouteEntry[],
): PublishProblem[] {
  return prefixes.flatMap((prefix) => {
    const owner = routes.find((route) => route.prefix === prefix && route.module !== module);
    if (!owner) return [];
    return [
      {
        code: 'REST_PREFIX_TAKEN' as const,
        prefix,
        otherModule: owner.module,
        message: `The REST prefix ${prefix} belongs to module "${owner.module}".`,
        fix: `Choose another prefix for "${module}" (e.g. /${module}), or a longer one under it (${prefix}/${module}) if "${owner.module}"'s team agrees.`,
      },
    ];
  });
}
