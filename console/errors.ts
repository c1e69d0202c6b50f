/** Errors of the operator console. */

/** A request the console cannot act on as sent: the message says what to send instead. */
export class ConsoleInputError extends Error {
  override readonly name = 'ConsoleInputError';
  readonly code = 'CONSOLE_INPUT';
  readonly statusCode = 400;
}

/** An action asked of a console started with --read-only. */
export class ReadOnlyConsoleError extends Error {
  override readonly name = 'ReadOnlyConsoleError';
  readonly code = 'READ_ONLY';
  readonly statusCode = 403;

  constructor() {
    super(
      'This console is read-only (started with --read-only): it shows, it does not act. Start `turnout console` without it to act.',
    );
  }
}

/** Something the console was asked about that does not exist. */
export class ConsoleNotFoundError extends Error {
  override readonly name = 'ConsoleNotFoundError';
  readonly code = 'NOT_FOUND';
  readonly statusCode = 404;
}
