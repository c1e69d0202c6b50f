/** A stand-in for an older awards service, which the awards graphlet fronts. */

export type { LegacyAward, LegacyAwardsData } from './legacy-award.ts';
export {
  type LegacyAwardsOptions,
  type LegacyAwardsService,
  MAX_IDS_PER_REQUEST,
  startLegacyAwards,
} from './start-legacy-awards.ts';
