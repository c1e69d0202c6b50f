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
