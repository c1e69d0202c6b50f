/** Errors of the names module. Both answer with GraphQL's `BAD_USER_INPUT` code. */

/** An argument the caller sent cannot be a name id, so nothing was looked up. */
export class InvalidNameIdError extends Error {
  override readonly name = 'InvalidNameIdError';
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly value: string) {
    super(
      `"${value}" is not a name id: a name id is "nm" followed by 7 or 8 digits, e.g. "nm0000329".`,
    );
  }
}

/** A paging argument out of range, or a cursor this graphlet did not hand out. */
export class InvalidArgumentError extends Error {
  override readonly name = 'InvalidArgumentError';
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly argument: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
