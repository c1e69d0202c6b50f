import type { RouteEntry } from '../../contracts/registry.ts';

/**
 * Sorts a routing table so that the first matching prefix is the longest one.
 *
 * @example
 * const table = sortRoutes(generation.routes);
 */
export function sortRoutes<T extends RouteEntry>(routes: readonly T[]): T[] {
  return [...routes].sort((a, b) => b.prefix.length - a.prefix.length);
}

/**
 * The route whose prefix is the longest one matching `path` on a segment boundary:
 * `/fleet` matches `/fleet` and `/fleet/loads` but not `/fleetwood`.
 *
 * @example
 * matchRoute(sortRoutes(routes), '/fleet/loads/7'); // the `/fleet/loads` route, if any
 */
export function matchRoute<T extends RouteEntry>(
  sortedRoutes: readonly T[],
  path: string,
): T | undefined {
  for (const route of sortedRoutes) {
    if (!path.startsWith(route.prefix)) continue;
    const next = path.charCodeAt(route.prefix.length);
    // NaN: the path ends right at the prefix; 47: '/'.
    if (Number.isNaN(next) || next === 47 || route.prefix === '/') return route;
  }
  return undefined;
}
