/** Errors of the gatepass module. */

/**
 * A load already has its one pass. To the pass's own driver (or dispatch) the 409 gives
 * the existing pass's id as a field (`error.passId`), so the app can show the pass the
 * load already has; to anyone else it says only that there is one: a load id is no
 * secret, and the pass id leads to the pass.
 */
export class PassAlreadyIssuedError extends Error {
  override readonly name = 'PassAlreadyIssuedError';
  readonly code = 'PASS_ALREADY_ISSUED';
  readonly statusCode = 409;

  constructor(
    readonly loadId: string,
    readonly existingPassId: string | undefined,
  ) {
    super(
      existingPassId
        ? `Load ${loadId} already has gate pass ${existingPassId}; a load gets one pass.`
        : `Load ${loadId} already has a gate pass; a load gets one pass.`,
    );
  }

  /** What the 409 answers beside the code and message. */
  get details(): { passId: string | undefined } {
    return { passId: this.existingPassId };
  }
}

export class PassNotFoundError extends Error {
  override readonly name = 'PassNotFoundError';
  readonly code = 'PASS_NOT_FOUND';
  readonly statusCode = 404;

  constructor(readonly passId: string) {
    super(`There is no gate pass "${passId}".`);
  }
}

/** A requested validity window that is already over, or starts too far ahead. */
export class InvalidWindowError extends Error {
  override readonly name = 'InvalidWindowError';
  readonly code = 'INVALID_WINDOW';
  readonly statusCode = 400;
}

export type PassRefusal = 'WRONG_FACILITY' | 'WRONG_CODE' | 'NOT_YET_VALID' | 'PASS_EXPIRED';

/** The gate refuses the pass: the reason is the code; an expired pass is gone for good (410). */
export class PassRefusedError extends Error {
  override readonly name = 'PassRefusedError';
  readonly statusCode: 403 | 410;

  constructor(
    readonly code: PassRefusal,
    message: string,
  ) {
    super(message);
    this.statusCode = code === 'PASS_EXPIRED' ? 410 : 403;
  }
}
