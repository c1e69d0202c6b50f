import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { type BakeThresholds, judgeHealth } from './judge-health.ts';
import type { ModuleRun } from './module-run.ts';
import type { VersionHealth } from './version-health.ts';

export type StripeVerdict =
  | { verdict: 'healthy'; figures: StripeFigures }
  | { verdict: 'breach'; reason: string; figures: StripeFigures };

/** Per health source, both versions summed over every Region of the stripe. */
export type StripeFigures = Record<string, { candidate: VersionHealth; stable: VersionHealth }>;

/**
 * Judges a stripe as a whole once each of its Regions baked healthy on its own: per
 * health source, the new version's invokes and errors in every Region added up against
 * the old version's. A rate too small to call in any one Region (each under `minErrors`)
 * can still be a breach across all of them. Tail latency is the worst Region's: tails
 * cannot be added.
 */
export async function judgeStripeHealth(
  runs: readonly ModuleRun[],
  progresses: readonly ModuleProgress[],
  thresholds: BakeThresholds,
): Promise<StripeVerdict> {
  const perRegion = await Promise.all(runs.map((run, i) => readRegion(run, progresses[i])));
  const figures: StripeFigures = {};
  for (const region of perRegion) {
    for (const [source, f] of Object.entries(region)) {
      const sum = figures[source];
      figures[source] = sum
        ? {
            candidate: addHealth(sum.candidate, f.candidate),
            stable: addHealth(sum.stable, f.stable),
          }
        : f;
    }
  }
  for (const [source, f] of Object.entries(figures)) {
    const verdict = judgeHealth(f.candidate, f.stable, { ...thresholds, minInvocations: 0 });
    if (verdict.verdict === 'breach')
      return {
        verdict: 'breach',
        reason: `${source} across ${runs.map((r) => r.target.name).join(', ')}: ${verdict.reason}`,
        figures,
      };
  }
  return { verdict: 'healthy', figures };
}

async function readRegion(run: ModuleRun, p: ModuleProgress | undefined) {
  const untilMs = run.ctx.timing.clock.now();
  const sinceMs = p?.shiftStartedMs ?? untilMs;
  const entries = await Promise.all(
    run.target.healthSources.map(async (source) => {
      const read = (version: string) =>
        source.read({ functionName: run.ref.functionName, version, sinceMs, untilMs });
      const [candidate, stable] = await Promise.all([
        read(p?.candidate as string),
        read(p?.stable as string),
      ]);
      return [source.name, { candidate, stable }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Two Regions' health as one: counts add up, tails take the worse. */
export function addHealth(a: VersionHealth, b: VersionHealth): VersionHealth {
  const worse = (x: number | undefined, y: number | undefined) =>
    x === undefined ? y : y === undefined ? x : Math.max(x, y);
  const badResponses = (a.badResponses ?? 0) + (b.badResponses ?? 0);
  const clientErrors = (a.clientErrors ?? 0) + (b.clientErrors ?? 0);
  const alarms = [...(a.alarms ?? []), ...(b.alarms ?? [])];
  return {
    invocations: a.invocations + b.invocations,
    errors: a.errors + b.errors,
    throttles: a.throttles + b.throttles,
    p90Ms: worse(a.p90Ms, b.p90Ms),
    p99Ms: worse(a.p99Ms, b.p99Ms),
    ...(badResponses ? { badResponses, badResponse: a.badResponse ?? b.badResponse } : {}),
    ...(clientErrors ? { clientErrors } : {}),
    ...(alarms.length ? { alarms } : {}),
  };
}
