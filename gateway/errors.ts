/**
 * Errors of the gateway. Each carries a stable `code` (in GraphQL it goes into
 * `extensions.code`) and the HTTP status the gateway answers with.
 */

export interface GatewayErrorOptions {
  cause?: unknown;
  /** The module whose invoke failed, when there is one. */
  module?: string;
}

export class GatewayError extends Error {
  override name = 'GatewayError';
  readonly code: string;
  readonly statusCode: number;
  readonly module: string | undefined;

  constructor(
    code: string,
    statusCode: number,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.statusCode = statusCode;
    this.module = options.module;
  }
}

/** A request the gateway refuses before running it: bad media type, bad JSON, over a limit. */
export class BadRequestError extends GatewayError {
  override name = 'BadRequestError';
  readonly headers: Record<string, string>;

  constructor(
    code: string,
    statusCode: number,
    message: string,
    options: GatewayErrorOptions & { headers?: Record<string, string> } = {},
  ) {
    super(code, statusCode, message, options);
    this.headers = options.headers ?? {};
  }
}

/** The module's function failed (a function error, or an answer that is not the contract). */
export class ModuleError extends GatewayError {
  override name = 'ModuleError';
  constructor(
    code: 'MODULE_ERROR' | 'MODULE_BAD_RESPONSE',
    module: string,
    message: string,
    cause?: unknown,
  ) {
    super(code, 502, message, { module, cause });
  }
}

/** The module did not answer within its timeout (the gateway's, or Lambda's own). */
export class ModuleTimeoutError extends GatewayError {
  override name = 'ModuleTimeoutError';
  constructor(module: string, timeoutMs: number | undefined, cause?: unknown) {
    const within = timeoutMs === undefined ? 'within its Lambda timeout' : `within ${timeoutMs} ms`;
    super('MODULE_TIMEOUT', 504, `Module "${module}" did not answer ${within}`, { module, cause });
  }
}

/** Lambda refused the invoke: throttled (429), unknown function (404), or another API error. */
export class LambdaInvokeError extends GatewayError {
  override name = 'LambdaInvokeError';
  /** The exception name Lambda sent in `x-amzn-errortype`, e.g. `TooManyRequestsException`. */
  readonly errorType: string;
  /** Lambda's HTTP status. */
  readonly lambdaStatus: number;

  constructor(
    errorType: string,
    lambdaStatus: number,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    const throttled = lambdaStatus === 429;
    super(
      throttled ? 'MODULE_THROTTLED' : 'MODULE_UNAVAILABLE',
      throttled ? 503 : 502,
      message,
      options,
    );
    this.errorType = errorType;
    this.lambdaStatus = lambdaStatus;
  }
}

/**
 * A query that needs more objects of a merged type at one place than the gateway sends
 * one module in one request (`limits.maxMergeKeys`): it is refused for those fields
 * rather than handing a module an unbounded list of keys.
 */
export class MergeLimitError extends GatewayError {
  override name = 'MergeLimitError';
  /** `where`: the objects, e.g. `at name.knownFor` or `of type Title`. */
  constructor(where: string, keys: number, limit: number) {
    super(
      'MERGE_LIMIT_EXCEEDED',
      400,
      `The query needs ${keys} objects ${where} at once; this gateway fetches at most ${limit} from a module in one request (limits.maxMergeKeys): ask for fewer (a smaller first:, fewer ids).`,
    );
  }
}

/** A registry generation that could not be read or built; the gateway keeps the last good one. */
export class GenerationLoadError extends GatewayError {
  override name = 'GenerationLoadError';
  /** The generation that failed, when known. */
  readonly generation: number | undefined;

  constructor(message: string, options: { generation?: number; cause?: unknown } = {}) {
    super('GENERATION_LOAD_FAILED', 503, message, { cause: options.cause });
    this.generation = options.generation;
  }
}

/** The gateway has no generation yet: nothing was published, or the first load failed. */
export class NoGenerationError extends GatewayError {
  override name = 'NoGenerationError';
  constructor(tableName: string) {
    super(
      'NO_GENERATION',
      503,
      `The registry table "${tableName}" holds no supergraph generation yet; publish a module first (turnout publish)`,
    );
  }
}

/** Options the gateway cannot start with; the message says how to fix them. */
export class GatewayConfigError extends GatewayError {
  override name = 'GatewayConfigError';
  constructor(message: string) {
    super('GATEWAY_MISCONFIGURED', 500, message);
  }
}
