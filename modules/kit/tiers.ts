/**
 * Criticality tiers, least critical first. Deployments go in this order, so a bad
 * change is caught on a module that matters less before it reaches one that matters more.
 */
export const CRITICALITY_TIERS = ['low', 'medium', 'high', 'critical'] as const;

export type CriticalityTier = (typeof CRITICALITY_TIERS)[number];

/** Negative when `a` deploys before `b`. */
export function compareTiers(a: CriticalityTier, b: CriticalityTier): number {
  return CRITICALITY_TIERS.indexOf(a) - CRITICALITY_TIERS.indexOf(b);
}
