import type { RegionRollout } from '../../contracts/deployment-record.ts';
import type { DeployTarget } from './deploy-target.ts';

/**
 * Groups the targets, in their order, into what takes each traffic step together.
 * Staggered, each target alone: one Region after another, the first of a stage its
 * one-box. Striped, the targets of one stage and cell across its Regions: the same step
 * everywhere at once (cell 1 of every Region, then cell 2), so a cell still meets a bad
 * version only after the cells before it. A target with no stage (`turnout dev`) stands
 * alone either way.
 *
 * @example
 * planStripes([useast, uswest], 'stripe'); // [[useast, uswest]]
 */
export function planStripes<T extends Pick<DeployTarget, 'name' | 'stage' | 'cell'>>(
  targets: readonly T[],
  rollout: RegionRollout,
): T[][] {
  if (rollout === 'stagger') return targets.map((target) => [target]);
  const groups = new Map<string, T[]>();
  for (const target of targets) {
    const key =
      target.stage === undefined ? `target:${target.name}` : `${target.stage}|${target.cell ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(target);
    else groups.set(key, [target]);
  }
  return [...groups.values()];
}
