import type { ModuleManifest } from '../../modules/kit/index.ts';
// The tiers file alone: the kit's index loads graphql-tools and zod.
import { CRITICALITY_TIERS } from '../../modules/kit/tiers.ts';

/**
 * Groups modules into waves by criticality tier, least critical first, so a bad change
 * is caught on a module that matters less before it reaches one that matters more.
 * Modules of one tier deploy together; names order them within a wave.
 */
export function planWaves(manifests: readonly ModuleManifest[]): ModuleManifest[][] {
  return CRITICALITY_TIERS.map((tier) =>
    manifests.filter((m) => m.tier === tier).sort((a, b) => a.name.localeCompare(b.name)),
  ).filter((wave) => wave.length > 0);
}
