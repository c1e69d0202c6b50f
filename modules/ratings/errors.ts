/** Errors of the ratings module. */

/** A `rateTitle` argument out of shape or range; nothing was stored or sent. */
export class InvalidVoteError extends Error {
  override readonly name = 'InvalidVoteError';
  /** GraphQL's conventional code for a bad argument; it reaches `extensions.code`. */
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** A queue message that is not a vote this module sent: it will never succeed. */
export class MalformedVoteMessageError extends Error {
  override readonly name = 'MalformedVoteMessageError';
  readonly code = 'MALFORMED_VOTE_MESSAGE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
