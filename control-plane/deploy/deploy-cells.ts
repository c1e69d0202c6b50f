import type { ModuleProgress } from '../../contracts/deployment-record.ts';
import { cellUnitManifest } from '../../modules/kit/cell-unit-manifest.ts';
import {
  deployModule,
  type ModuleOutcome,
  type ModuleRelease,
  type PipelineContext,
} from './deploy-module.ts';
import type { DeployTarget } from './deploy-target.ts';

/**
 * Deploys a module to a target: a module without cells as one unit; a cellular module
 * cell by cell, in its manifest's order, the first cell as the canary cell. Each cell is
 * a whole deployment of its own (its function, alias, smoke checks, bake, release in the
 * registry, progress in the record under the cell's unit name), and the next cell starts
 * only after the previous one promoted: a failure rolls back that cell alone and leaves
 * the later cells untouched, on the version they had. A target that names a cell (a
 * pipeline target in the cell's own account) deploys that cell alone.
 *
 * @param progressOf what the record says of a unit in this target, to resume from
 * @example
 * const outcome = await deployRelease(ctx, target, release, (unit) => record.progress[progressKey(unit, target.name)]);
 */
export async function deployRelease(
  ctx: PipelineContext,
  target: DeployTarget,
  release: ModuleRelease,
  progressOf: (unit: string) => ModuleProgress | undefined,
): Promise<ModuleOutcome> {
  const { manifest } = release;
  if (!manifest.cells) return deployModule(ctx, target, release, progressOf(manifest.name));
  const cells = target.cell
    ? manifest.cells.names.filter((c) => c === target.cell)
    : manifest.cells.names;
  for (const [index, cell] of cells.entries()) {
    const unit = { ...release, manifest: cellUnitManifest(manifest, cell) };
    const outcome = await deployModule(ctx, target, unit, progressOf(unit.manifest.name));
    if (outcome === 'promoted') continue;
    const later = cells.slice(index + 1);
    await ctx.store.event(ctx.deploymentId, {
      kind: 'decision',
      name: 'stop-cells',
      module: manifest.name,
      target: target.name,
      detail:
        `${manifest.name} ${cell} ${outcome === 'rolled-back' ? 'went back to its stable version' : `ended ${outcome}`} in ${target.name}` +
        (later.length ? `; ${later.join(', ')} will not be touched` : ''),
    });
    return outcome;
  }
  return 'promoted';
}

/** The units a release deploys in a target, in order: for the deployment record. */
export function unitsOf(release: ModuleRelease): string[] {
  const { manifest } = release;
  return manifest.cells
    ? manifest.cells.names.map((cell) => cellUnitManifest(manifest, cell).name)
    : [manifest.name];
}
