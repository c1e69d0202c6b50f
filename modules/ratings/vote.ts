import * as z from 'zod';

export const TITLE_ID = /^tt\d{7,8}$/;
export const VOTER_ID = /^ur\d{7,9}$/;

/** A vote as the queue carries it and as `rateTitle` answers it. */
export const voteSchema = z.strictObject({
  voteId: z.string().min(1).max(64),
  titleId: z.string().regex(TITLE_ID),
  voterId: z.string().regex(VOTER_ID),
  stars: z.number().int().min(1).max(10),
  castAt: z.iso.datetime(),
});

export type Vote = z.output<typeof voteSchema>;

/** What `ballots` holds for a voter and title: the vote that counts now. */
export interface Ballot extends Vote {}
