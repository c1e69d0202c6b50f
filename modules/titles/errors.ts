/** Errors of the titles module. */

/** An argument the caller sent cannot be a title id, so nothing was looked up. */
export class InvalidTitleIdError extends Error {
  override readonly name = 'InvalidTitleIdError';
  /** GraphQL's conventional code for a bad argument; it reaches `extensions.code`. */
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly value: string) {
    super(
      `"${value}" is not a title id: a title id is "tt" followed by 7 or 8 digits, e.g. "tt0089374".`,
    );
  }
}
