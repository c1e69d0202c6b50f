import type { DeploymentEvent } from '../contracts/deployment-record.ts';

/** A decision as the console shows it: what was decided, the figures and the thresholds, in words. */
export interface ExplainedDecision {
  at: string;
  module?: string;
  target?: string;
  name: string;
  detail: string;
  /** Per health source, what it saw of each version, e.g. "new version: 7 requests, error rate 100% (7 of 7), p99 12 ms". */
  figures: string[];
  /** The thresholds the decision was held to, when the record names them. */
  thresholds?: string;
}

interface SeenHealth {
  invocations?: number;
  errors?: number;
  throttles?: number;
  p90Ms?: number;
  p99Ms?: number;
}

/**
 * Puts a decision of the deployment record into words: its detail (which says what
 * breached, e.g. "error rate 100% (7/7) against 0% on the old version"), what each
 * health source saw of the new and the old version, and the plan's thresholds.
 */
export function explainDecision(
  event: DeploymentEvent,
  thresholds: Record<string, number> | undefined,
): ExplainedDecision {
  const figures = Object.entries(event.figures ?? {}).flatMap(([source, value]) =>
    describeSource(source, value),
  );
  const judged = figures.length > 0 && thresholds;
  return {
    at: event.at,
    ...(event.module ? { module: event.module } : {}),
    ...(event.target ? { target: event.target } : {}),
    name: event.name,
    detail: event.detail,
    figures,
    ...(judged ? { thresholds: describeThresholds(thresholds) } : {}),
  };
}

function describeSource(source: string, value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const { candidate, stable, stepInvocations } = value as {
    candidate?: SeenHealth;
    stable?: SeenHealth;
    stepInvocations?: number;
  };
  if (!candidate || !stable) return [`${source}: ${JSON.stringify(value)}`];
  const step = stepInvocations === undefined ? '' : ` (${stepInvocations} in this step)`;
  return [
    `${source}: new version ${describeHealth(candidate)}${step}; old version ${describeHealth(stable)}`,
  ];
}

function describeHealth(h: SeenHealth): string {
  const requests = h.invocations ?? 0;
  const errors = h.errors ?? 0;
  const rate = requests === 0 ? 0 : errors / requests;
  const parts = [
    `${requests} requests`,
    `error rate ${percent(rate)} (${errors} of ${requests})`,
    ...(h.p90Ms === undefined ? [] : [`p90 ${round(h.p90Ms)} ms`]),
    ...(h.p99Ms === undefined ? [] : [`p99 ${round(h.p99Ms)} ms`]),
    ...(h.throttles ? [`${h.throttles} throttled`] : []),
  ];
  return parts.join(', ');
}

/** The bake's rules (control-plane/deploy/judge-health.ts) with this deployment's numbers. */
export function describeThresholds(t: Record<string, number>): string {
  const n = (key: string) => t[key] ?? Number.NaN;
  return (
    `rolls back when the new version's error rate passes the old one's by more than ${points(n('errorRateTolerance'))} ` +
    `(with at least ${n('minErrors')} errors), its throttle rate by more than ${points(n('throttleRateTolerance'))}, ` +
    `or its tail latency (p99; p90 under 100 requests, from ${n('minLatencySamples')} completed) passes ` +
    `${n('latencyFactor')}× the old one's and the old one's + ${n('latencySlackMs')} ms; ` +
    `promotes a step only with at least ${n('minInvocations')} requests in it`
  );
}

const round = (value: number) => Math.round(value * 10) / 10;
const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const points = (rate: number) => `${Math.round(rate * 1000) / 10} points`;
