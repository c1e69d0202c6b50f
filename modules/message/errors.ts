/** Errors of the message module. */

/** A paging cursor that this module did not hand out, or handed out for another driver. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  readonly code = 'INVALID_CURSOR';
  readonly statusCode = 400;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A queue message whose body is not a delivery this module sent; it will never succeed. */
export class MalformedDeliveryError extends Error {
  override readonly name = 'MalformedDeliveryError';
  readonly code = 'MALFORMED_DELIVERY';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
