import type { VerifiedCaller } from '../auth/verified-caller.ts';

/** The GraphQL context of one gateway request, as the module executors see it. */
export interface RequestContext {
  /** Passed to every module in the invoke payload's `context.requestId`. */
  requestId: string;
  /** Modules this request must invoke on one version, by number (see createVersionPinner). */
  versionPins?: ReadonlyMap<string, string>;
  /** The verified caller, passed to every module as `context.identity`; absent: anonymous. */
  caller?: VerifiedCaller;
  /** A mutation's `Idempotency-Key`, passed to every module as `context.idempotencyKey`. */
  idempotencyKey?: string;
}
