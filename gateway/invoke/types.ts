/** One synchronous invoke of a module's function alias. */
export interface InvokeRequest {
  /** The module the function belongs to, for errors and logs. */
  module: string;
  functionName: string;
  /** For a cellular module: the cell whose function this is, for health samples. */
  cell?: string;
  /** The alias (always `live` from the gateway) or version. */
  qualifier: string;
  /** The JSON payload, already serialized. */
  payload: string;
  /** Abort after this long and fail with a ModuleTimeoutError. */
  timeoutMs?: number;
  /** A graphlet invoke or a REST module's v2 event: a REST 5xx answer counts as a failure. */
  kind?: 'graphql' | 'rest';
  /**
   * Safe to run twice (a query, a GET or HEAD): when it fails on the candidate of a split
   * alias, the gateway may try it once on `stableVersion`.
   */
  idempotent?: boolean;
  /**
   * While a deployment splits the alias: the version the registry names as stable, the
   * only one a failed idempotent invoke is retried on. Absent when the alias is not split.
   */
  stableVersion?: string;
  /**
   * For an idempotent invoke: the payload without what is only this request's (its id),
   * so identical invokes of concurrent requests can share one call.
   */
  sharedKey?: string;
  /**
   * For a graphlet invoke: checks the answer's `data` against the query it was sent
   * (gateway/graphql/compile-operation-check.ts), so that an answer of the wrong shape
   * counts as a failed invoke in health and for the canary retry, not only for the
   * client. Every graphlet answer is also checked to be JSON `{ data, errors }`.
   */
  answerCheck?: AnswerCheck;
  /**
   * The variables the payload carries, unserialized, for `answerCheck`: a merge list is
   * judged by the keys sent in them. Compiled once, the check needs no closure per invoke.
   */
  variables?: Record<string, unknown> | undefined;
}

/**
 * What breaks the contract in a graphlet answer's `data` (an object), described with
 * its path, e.g. `_titles: 0 entries for 3 keys`; undefined when nothing does.
 * `hasErrors`: the answer also carries errors, which may explain a null; `variables`:
 * the ones the query was sent with.
 */
export type AnswerCheck = (
  data: Record<string, unknown>,
  hasErrors: boolean,
  variables: Record<string, unknown> | undefined,
) => string | undefined;

/** What Lambda answered with a 2xx: the function ran (it may still have failed). */
export interface InvokeResult {
  statusCode: number;
  /** From `X-Amz-Executed-Version`: which version behind the alias ran. */
  executedVersion: string | undefined;
  /** From `X-Amz-Function-Error`: `Unhandled` or `Handled` when the function failed. */
  functionError: string | undefined;
  /** The function's response (or error object) as JSON text. */
  payload: string;
  /**
   * A graphlet answer read once (`readGraphletAnswer`): health, the canary retry and the
   * executor all judge it, and the JSON is parsed a single time.
   */
  answer?: GraphletAnswer;
}

/** A graphlet's answer, parsed and judged against the graphlet contract and the query. */
export interface GraphletAnswer {
  /** What in the answer breaks the contract: not JSON, not `{ data, errors }`, a wrong value. */
  readonly violation: string | undefined;
  /** An error in the answer that is the module's fault, not the client's. */
  readonly serverError: boolean;
  /**
   * The parsed `{ data, errors }` for one reader: the first gets the object the check
   * read; later ones (requests sharing a deduplicated invoke) a fresh parse, because
   * the query engine merges into what it reads.
   */
  take(): GraphletBody;
}

/** The graphlet contract's answer (docs/ARCHITECTURE.md, contract 1). */
export interface GraphletBody {
  data?: Record<string, unknown> | null;
  errors?: {
    message?: unknown;
    path?: (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

/**
 * Invokes a function. Resolves with Lambda's answer when the function ran; rejects with
 * a LambdaInvokeError when Lambda refused (404, 429, ...) and a ModuleTimeoutError when
 * `timeoutMs` passed.
 */
export type Invoker = (request: InvokeRequest) => Promise<InvokeResult>;
