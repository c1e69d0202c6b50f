/** Errors of the module kit. */

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  readonly code = 'INVALID_MANIFEST';

  constructor(
    message: string,
    readonly problems: readonly { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export type ModuleResourceErrorCode =
  | 'MISSING_RESOURCE_ENV'
  | 'MISSING_CLIENT'
  | 'FIFO_GROUP_ID_REQUIRED'
  | 'MISSING_SEED_TABLE';

/** A module's function cannot reach one of its own tables or queues as configured. */
export class ModuleResourceError extends Error {
  override readonly name = 'ModuleResourceError';

  constructor(
    readonly code: ModuleResourceErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The caller sent something the module cannot accept. A REST handler built with
 * `createRestHandler` answers it with this status and message as JSON.
 */
export class BadRequestError extends Error {
  override readonly name = 'BadRequestError';
  readonly code: string;
  readonly statusCode = 400;

  constructor(message: string, options?: { code?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.code = options?.code ?? 'BAD_REQUEST';
  }
}

/** DynamoDB kept handing back part of a batch: the table is throttling. Try again later. */
export class UnprocessedItemsError extends Error {
  override readonly name = 'UnprocessedItemsError';
  readonly code = 'UNPROCESSED_ITEMS';
}

/** `TURNOUT_RESOURCE_PREFIX` (or a pipeline's `resourcePrefix`) cannot name resources. */
export class ResourcePrefixError extends Error {
  override readonly name = 'ResourcePrefixError';
  readonly code = 'INVALID_RESOURCE_PREFIX';
}

/** A stage provides no value for a runtime setting the module's manifest declares. */
export class RuntimeSettingError extends Error {
  override readonly name = 'RuntimeSettingError';
  readonly code = 'RUNTIME_SETTING_MISSING';

  constructor(
    readonly module: string,
    readonly missing: readonly string[],
    message: string,
  ) {
    super(message);
  }
}

/**
 * The request needs a signed-in caller and came without one. A REST handler answers
 * 401; a graphlet's error carries `extensions.code: UNAUTHENTICATED`.
 */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED';
  readonly statusCode = 401;

  constructor(what: string) {
    super(`${what} requires a signed-in caller: send "authorization: Bearer <token>".`);
  }
}

/**
 * The caller is signed in but may not do this (another driver's data, a missing
 * scope). A REST handler answers 403; a graphlet's error carries `extensions.code: FORBIDDEN`.
 */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
  readonly statusCode = 403;
}

/**
 * A write with this Idempotency-Key is still running (a client retried before the first
 * attempt answered). Nothing was done twice: retry shortly to get the first one's answer.
 */
export class IdempotencyKeyInUseError extends Error {
  override readonly name = 'IdempotencyKeyInUseError';
  readonly code = 'IDEMPOTENCY_KEY_IN_USE';
  readonly statusCode = 409;

  constructor(options?: { cause?: unknown }) {
    super(
      'A request with this Idempotency-Key is still being processed; retry shortly to get its answer.',
      options,
    );
  }
}

/** The Idempotency-Key was used before for a different request: send a new key for a new write. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  readonly statusCode = 422;

  constructor(options?: { cause?: unknown }) {
    super(
      'This Idempotency-Key was used for a different request; use a new key for each new write and the same key only to retry one.',
      options,
    );
  }
}
