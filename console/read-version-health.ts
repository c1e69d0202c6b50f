import type { HealthSource, VersionHealth } from '../control-plane/deploy/version-health.ts';

/** One version's health over a window, as the console shows it. */
export interface VersionHealthView {
  version: string;
  /** Which health source said it (the first that answered: the gateways' samples first). */
  source?: string;
  requests: number;
  errors: number;
  /** errors / requests; 0 without requests. */
  errorRate: number;
  throttles: number;
  p90Ms?: number;
  p99Ms?: number;
  /** Why no source answered. */
  error?: string;
}

/**
 * Reads one version's health from the first of the target's sources that answers, as
 * the bake reads it: the console shows what the pipeline judges on.
 */
export async function readVersionHealth(
  sources: readonly HealthSource[],
  query: { functionName: string; version: string; sinceMs: number; untilMs: number },
): Promise<VersionHealthView> {
  const failures: string[] = [];
  for (const source of sources) {
    try {
      return viewOf(query.version, source.name, await source.read(query));
    } catch (error) {
      failures.push(`${source.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return {
    version: query.version,
    requests: 0,
    errors: 0,
    errorRate: 0,
    throttles: 0,
    error: failures.join('; ') || 'no health source',
  };
}

function viewOf(version: string, source: string, health: VersionHealth): VersionHealthView {
  return {
    version,
    source,
    requests: health.invocations,
    errors: health.errors,
    errorRate: health.invocations === 0 ? 0 : health.errors / health.invocations,
    throttles: health.throttles,
    ...(health.p90Ms === undefined ? {} : { p90Ms: health.p90Ms }),
    ...(health.p99Ms === undefined ? {} : { p99Ms: health.p99Ms }),
  };
}
