import type { AliasConfiguration } from './types.ts';

/**
 * The version an invoke of `alias` runs, by Lambda's rule: one random draw per invoke, the
 * additional version when the draw falls under its weight, the primary version otherwise.
 * `random` is passed in so tests can fix the draw.
 *
 * @example
 * pickAliasVersion({ FunctionVersion: '1', RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } } })
 * // '2' about one time in ten, '1' otherwise
 */
export function pickAliasVersion(
  alias: Pick<AliasConfiguration, 'FunctionVersion' | 'RoutingConfig'>,
  random: () => number = Math.random,
): string {
  const weights = alias.RoutingConfig?.AdditionalVersionWeights;
  if (!weights) return alias.FunctionVersion;
  for (const version in weights) {
    if (random() < (weights[version] ?? 0)) return version;
  }
  return alias.FunctionVersion;
}
