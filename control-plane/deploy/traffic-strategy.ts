import type { CriticalityTier } from '../../modules/kit/index.ts';
import { InvalidStrategyError } from './errors.ts';

/**
 * One step of a traffic shift: send `weight` (0..1) of the alias' traffic to the new
 * version, then watch it for `bakeMs` before the next step.
 */
export interface TrafficStep {
  weight: number;
  bakeMs: number;
}

/** How a module's traffic moves to a new version. */
export type TrafficStrategy =
  | { kind: 'all-at-once'; bakeMs: number }
  | { kind: 'canary'; percent: number; bakeMs: number }
  | { kind: 'linear'; percent: number; intervalMs: number };

/**
 * CodeDeploy's predefined Lambda configurations, by the names SAM uses, plus the same
 * shapes in seconds (`Canary10Percent30Seconds`) for fast local runs.
 */
const PRESET =
  /^(?:Canary(\d+)Percent(\d+)(Minutes?|Seconds?)|Linear(\d+)PercentEvery(\d+)(Minutes?|Seconds?)|AllAtOnce)$/;

/** The strategy each tier gets when its manifest names none: more care for more critical modules. */
export const DEFAULT_STRATEGY_BY_TIER: Record<CriticalityTier, string> = {
  low: 'Canary10Percent5Minutes',
  medium: 'Canary10Percent10Minutes',
  high: 'Linear10PercentEvery1Minute',
  critical: 'Linear10PercentEvery2Minutes',
};

/** Parses a preset name such as `Canary10Percent5Minutes` or `Linear10PercentEvery1Minute`. */
export function parseStrategy(name: string): TrafficStrategy {
  const m = PRESET.exec(name.replace(/^(CodeDeployDefault\.)?Lambda/, ''));
  if (!m) throw new InvalidStrategyError(name);
  if (m[1] !== undefined) {
    return { kind: 'canary', percent: percentOf(m[1], name), bakeMs: toMs(m[2], m[3]) };
  }
  if (m[4] !== undefined) {
    return { kind: 'linear', percent: percentOf(m[4], name), intervalMs: toMs(m[5], m[6]) };
  }
  return { kind: 'all-at-once', bakeMs: 0 };
}

/** The weights a strategy moves through, ending at 1 (all traffic on the new version). */
export function trafficSteps(strategy: TrafficStrategy, finalBakeMs: number): TrafficStep[] {
  switch (strategy.kind) {
    case 'all-at-once':
      return [{ weight: 1, bakeMs: Math.max(strategy.bakeMs, finalBakeMs) }];
    case 'canary':
      return [
        { weight: strategy.percent / 100, bakeMs: strategy.bakeMs },
        { weight: 1, bakeMs: finalBakeMs },
      ];
    case 'linear': {
      const steps: TrafficStep[] = [];
      for (let p = strategy.percent; p < 100; p += strategy.percent) {
        steps.push({ weight: Math.round(p * 100) / 10_000, bakeMs: strategy.intervalMs });
      }
      return [...steps, { weight: 1, bakeMs: finalBakeMs }];
    }
  }
}

function percentOf(text: string, name: string): number {
  const percent = Number(text);
  if (percent < 1 || percent > 99)
    throw new InvalidStrategyError(name, 'the percent must be from 1 to 99');
  return percent;
}

function toMs(amount: string | undefined, unit: string | undefined): number {
  return Number(amount) * (unit?.startsWith('Minute') ? 60_000 : 1_000);
}
