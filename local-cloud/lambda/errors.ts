/**
 * The exceptions Lambda's API returns, one class each. `code` is the exception name the
 * AWS SDK reads from the `x-amzn-errortype` header to raise its own typed exception
 * (`ResourceNotFoundException`, ...), and `statusCode` is the HTTP status Lambda sends.
 */
export class LambdaApiError extends Error {
  override name = 'LambdaApiError';
  readonly code: string;
  readonly statusCode: number;

  constructor(code: string, statusCode: number, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.statusCode = statusCode;
  }

  /** The JSON body Lambda sends with the error; the SDK copies its fields onto the exception. */
  toBody(): Record<string, unknown> {
    return { Type: 'User', message: this.message };
  }
}

/** A function, version or alias that does not exist. */
export class ResourceNotFoundError extends LambdaApiError {
  override name = 'ResourceNotFoundError';
  constructor(message: string) {
    super('ResourceNotFoundException', 404, message);
  }
}

/** Creating what exists, or deleting a version an alias still points at. */
export class ResourceConflictError extends LambdaApiError {
  override name = 'ResourceConflictError';
  constructor(message: string) {
    super('ResourceConflictException', 409, message);
  }
}

/** A parameter Lambda rejects: a weight outside 0..1, `$LATEST` in a weighted alias, ... */
export class InvalidParameterValueError extends LambdaApiError {
  override name = 'InvalidParameterValueError';
  constructor(message: string) {
    super('InvalidParameterValueException', 400, message);
  }
}

/** An Invoke payload that is not JSON. */
export class InvalidRequestContentError extends LambdaApiError {
  override name = 'InvalidRequestContentError';
  constructor(message: string) {
    super('InvalidRequestContentException', 400, message);
  }
}

/** A `RevisionId` or `CodeSha256` that no longer matches: someone changed the resource since. */
export class PreconditionFailedError extends LambdaApiError {
  override name = 'PreconditionFailedError';
  constructor(message: string) {
    super('PreconditionFailedException', 412, message);
  }
}

/** An Invoke payload over Lambda's limit (6 MB sync, 1 MB for `Event`). */
export class RequestTooLargeError extends LambdaApiError {
  override name = 'RequestTooLargeError';
  constructor(message: string) {
    super('RequestTooLargeException', 413, message);
  }
}

/** An invoke beyond the function's reserved concurrency. */
export class TooManyRequestsError extends LambdaApiError {
  override name = 'TooManyRequestsError';
  readonly reason: string;

  constructor(message: string, reason: string) {
    super('TooManyRequestsException', 429, message);
    this.reason = reason;
  }

  override toBody(): Record<string, unknown> {
    return { Type: 'User', message: this.message, Reason: this.reason };
  }
}

/** A path or method this emulation does not serve. */
export class UnsupportedOperationError extends LambdaApiError {
  override name = 'UnsupportedOperationError';
  constructor(method: string, path: string) {
    super(
      'UnknownOperationException',
      404,
      `The local Lambda does not serve ${method} ${path}; see local-cloud/lambda/index.ts for the supported operations`,
    );
  }
}

/** GetProvisionedConcurrencyConfig for a qualifier that has none. */
export class ProvisionedConcurrencyConfigNotFoundError extends LambdaApiError {
  override name = 'ProvisionedConcurrencyConfigNotFoundError';
  constructor(message: string) {
    super('ProvisionedConcurrencyConfigNotFoundException', 404, message);
  }
}
