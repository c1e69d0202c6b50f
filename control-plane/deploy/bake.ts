import type { DeployTarget } from './deploy-target.ts';
import { type BakeThresholds, judgeHealth } from './judge-health.ts';
import type { VersionHealth } from './version-health.ts';

export interface BakeWindow {
  functionName: string;
  stable: string;
  candidate: string;
  /** When traffic first moved: both versions are compared from here. */
  shiftStartedMs: number;
  /** When this step's weight was set: the minimum invoke count counts from here. */
  stepStartedMs: number;
  bakeMs: number;
}

export interface BakeTiming {
  clock: { now(): number };
  /** Resolves after `ms`, or early once `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** How often health is read. */
  pollMs: number;
  /** How long past the bake time to wait for enough traffic before giving up. */
  maxTrafficWaitMs: number;
  /**
   * Told while the bake time is over but the traffic is not enough yet, at the first
   * such read and every `progressEveryMs` after: a person watching sees why it waits.
   */
  onWaitingForTraffic?: (wait: TrafficWait) => void;
  /** @default 5_000 */
  progressEveryMs?: number;
}

/** Where a bake stands while it waits for traffic: the counts it has and needs. */
export interface TrafficWait {
  target: string;
  functionName: string;
  candidate: string;
  /** Invokes of the new version in this step, from the source that saw most... */
  invocations: number;
  neededInvocations: number;
  /** ...and how many of its invokes since the shift completed (for latency). */
  completed: number;
  neededCompleted: number;
  /** Until the bake gives up and rolls back as starved. */
  leftMs: number;
}

export type BakeOutcome =
  | { outcome: 'healthy'; figures: BakeFigures }
  | { outcome: 'breach' | 'starved'; reason: string; figures: BakeFigures };

/** What the decision was taken on, per health source. */
export type BakeFigures = Record<
  string,
  { candidate: VersionHealth; stable: VersionHealth; stepInvocations: number }
>;

/**
 * Watches the candidate against the stable version over the same window until the
 * bake time is over with enough traffic (healthy), a source shows a breach, or the
 * traffic never comes (starved: no promotion without evidence). An operator's promote
 * (`promote` aborted) ends it at once, healthy: the figures read then go on the record.
 *
 * @throws the signal's reason once it aborts: the deployment stops at this safe point
 */
export async function bake(
  target: DeployTarget,
  window: BakeWindow,
  thresholds: BakeThresholds,
  timing: BakeTiming,
  signal?: AbortSignal,
  promote?: AbortSignal,
): Promise<BakeOutcome> {
  let lastToldMs = Number.NEGATIVE_INFINITY;
  // Its sleeps wake for a promote too, so the operator does not wait out a poll.
  const wake = promote && signal ? AbortSignal.any([signal, promote]) : (signal ?? promote);
  for (;;) {
    signal?.throwIfAborted();
    const now = timing.clock.now();
    const figures = await readFigures(target, window, now);
    if (promote?.aborted) return { outcome: 'healthy', figures };
    for (const [source, f] of Object.entries(figures)) {
      const verdict = judgeHealth(f.candidate, f.stable, { ...thresholds, minInvocations: 0 });
      if (verdict.verdict === 'breach')
        return { outcome: 'breach', reason: `${source}: ${verdict.reason}`, figures };
    }
    const elapsed = now - window.stepStartedMs;
    // Promotion needs evidence: enough invokes in this step, and enough completed since
    // the shift to judge latency (a version too slow to finish many is not yet healthy).
    const enoughTraffic = Object.values(figures).some(
      (f) =>
        f.stepInvocations >= thresholds.minInvocations &&
        f.candidate.invocations - f.candidate.errors >= thresholds.minLatencySamples,
    );
    if (elapsed >= window.bakeMs && enoughTraffic) return { outcome: 'healthy', figures };
    if (elapsed >= window.bakeMs + timing.maxTrafficWaitMs) {
      const seen = Math.max(0, ...Object.values(figures).map((f) => f.stepInvocations));
      const reason = `not enough traffic to judge: ${seen} invokes on the new version in this step (${thresholds.minInvocations} needed, and ${thresholds.minLatencySamples} completed since the shift)`;
      return { outcome: 'starved', reason, figures };
    }
    if (elapsed >= window.bakeMs && now - lastToldMs >= (timing.progressEveryMs ?? 5_000)) {
      lastToldMs = now;
      timing.onWaitingForTraffic?.(
        trafficWait(target, window, thresholds, timing, figures, elapsed),
      );
    }
    await timing.sleep(timing.pollMs, wake);
  }
}

function trafficWait(
  target: DeployTarget,
  window: BakeWindow,
  thresholds: BakeThresholds,
  timing: BakeTiming,
  figures: BakeFigures,
  elapsed: number,
): TrafficWait {
  const most = Object.values(figures).sort((a, b) => b.stepInvocations - a.stepInvocations)[0];
  return {
    target: target.name,
    functionName: window.functionName,
    candidate: window.candidate,
    invocations: most?.stepInvocations ?? 0,
    neededInvocations: thresholds.minInvocations,
    completed: most ? most.candidate.invocations - most.candidate.errors : 0,
    neededCompleted: thresholds.minLatencySamples,
    leftMs: window.bakeMs + timing.maxTrafficWaitMs - elapsed,
  };
}

async function readFigures(target: DeployTarget, w: BakeWindow, now: number): Promise<BakeFigures> {
  const entries = await Promise.all(
    target.healthSources.map(async (source) => {
      const read = (version: string, sinceMs: number) =>
        source.read({ functionName: w.functionName, version, sinceMs, untilMs: now });
      const [candidate, stable, step] = await Promise.all([
        read(w.candidate, w.shiftStartedMs),
        read(w.stable, w.shiftStartedMs),
        read(w.candidate, w.stepStartedMs),
      ]);
      return [source.name, { candidate, stable, stepInvocations: step.invocations }] as const;
    }),
  );
  return Object.fromEntries(entries);
}
