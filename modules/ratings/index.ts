/** The ratings graphlet: aggregate star ratings, and votes counted once through a queue. */

export { applyVote, type VoteOutcome } from './apply-vote.ts';
export { type CastVoteOptions, castVote } from './cast-vote.ts';
export { checkVoteInput, type VoteInput } from './check-vote-input.ts';
export { countVotes } from './count-votes.ts';
export { createRatingsGraphlet, type RatingsGraphletOptions } from './create-ratings-graphlet.ts';
export { InvalidVoteError, MalformedVoteMessageError } from './errors.ts';
export { loadRatings, type RatedTitle } from './load-ratings.ts';
export { RATINGS_SDL } from './module.ts';
export { type Rating, type RatingAggregate, toRating } from './rating.ts';
export type { RatingsStore } from './ratings-store.ts';
export { RATINGS_SEED } from './seed.ts';
export { type Ballot, type Vote, voteSchema } from './vote.ts';
