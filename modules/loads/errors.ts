/** Errors of the loads module. */
import { type LoadStatus, NEXT_STATUSES } from './load-status.ts';

export class LoadNotFoundError extends Error {
  override readonly name = 'LoadNotFoundError';
  readonly code = 'LOAD_NOT_FOUND';
  readonly statusCode = 404;

  constructor(readonly loadId: string) {
    super(`There is no load "${loadId}".`);
  }
}

export class LoadExistsError extends Error {
  override readonly name = 'LoadExistsError';
  readonly code = 'LOAD_EXISTS';
  readonly statusCode = 409;

  constructor(readonly loadId: string) {
    super(`Load ${loadId} exists already; choose another id or leave loadId out.`);
  }
}

/**
 * A status change that is not the next step from the load's current status. The 409
 * gives the current status and the allowed next ones as fields.
 */
export class TransitionRefusedError extends Error {
  override readonly name = 'TransitionRefusedError';
  readonly code = 'TRANSITION_REFUSED';
  readonly statusCode = 409;
  readonly allowed: readonly LoadStatus[];

  constructor(
    readonly loadId: string,
    readonly current: LoadStatus,
    readonly requested: LoadStatus,
  ) {
    const allowed = NEXT_STATUSES[current];
    super(
      `Load ${loadId} is ${current}; it cannot move to ${requested}. ` +
        (allowed.length
          ? `From ${current} it can move to: ${allowed.join(', ')}.`
          : `${current} is final: the load moves no further.`),
    );
    this.allowed = allowed;
  }

  /** What the 409 answers beside the code and message. */
  get details(): { current: LoadStatus; allowed: readonly LoadStatus[] } {
    return { current: this.current, allowed: this.allowed };
  }
}

export class StopNotFoundError extends Error {
  override readonly name = 'StopNotFoundError';
  readonly code = 'STOP_NOT_FOUND';
  readonly statusCode = 404;

  constructor(
    readonly loadId: string,
    readonly seq: number,
    stopCount: number,
  ) {
    super(`Load ${loadId} has no stop ${seq}; its stops are 1 to ${stopCount}.`);
  }
}

/** An arrival at a stop that already has one, or on a load that is not under way. */
export class ArrivalRefusedError extends Error {
  override readonly name = 'ArrivalRefusedError';
  readonly statusCode = 409;

  constructor(
    readonly code: 'STOP_ALREADY_ARRIVED' | 'LOAD_NOT_UNDER_WAY',
    message: string,
  ) {
    super(message);
  }
}
