/** Errors of the cell map commands: each says what was wrong and how to fix it. */

export type CellMapErrorCode = 'NOT_CELLULAR' | 'NO_SUCH_CELL' | 'INVALID_KEY' | 'PIN_CONFLICT';

export class CellMapError extends Error {
  override readonly name = 'CellMapError';

  constructor(
    readonly code: CellMapErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
