import type { ModuleManifest } from '../../modules/kit/index.ts';

/**
 * A module function's description, the same from every writer (the stack that creates
 * it, the pipeline and the local cloud that publish its versions), so no deploy
 * changes what another wrote.
 *
 * @example
 * functionDescription(manifest); // 'ratings (owner: team-ratings, tier: medium)'
 */
export function functionDescription(
  manifest: Pick<ModuleManifest, 'name' | 'owner' | 'tier'>,
): string {
  return `${manifest.name} (owner: ${manifest.owner}, tier: ${manifest.tier})`;
}
