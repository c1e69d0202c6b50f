/** The awards graphlet: awards of titles and people, fronting the legacy awards service. */

export { type Award, type Awarded, compareAwards, type LegacyAward, toAward } from './award.ts';
export {
  type AwardsClient,
  type AwardsClientOptions,
  createAwardsClient,
} from './create-awards-client.ts';
export { type AwardsGraphletOptions, createAwardsGraphlet } from './create-awards-graphlet.ts';
export { AwardsServiceConfigError, AwardsServiceError } from './errors.ts';
export { AWARDS_SDL } from './module.ts';
