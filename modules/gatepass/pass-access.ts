import { ForbiddenError, hasScope, type Identity } from '../kit/index.ts';
import type { GatePass, IssuePassBody } from './gate-pass.ts';

/** The scope of dispatchers: they issue passes for any driver and read every pass. */
export const DISPATCH_SCOPE = 'dispatch';

/** Issuing a pass: a driver's scope, or dispatch's. */
export const ISSUE_SCOPES = [['gatepass:write'], [DISPATCH_SCOPE]];
/** Checking a pass at the gate: the gate's own scope (a guard's kiosk), never a driver's. */
export const CHECK_SCOPES = [['gatepass:check']];

/**
 * The driver a new pass is for: the caller, or, for dispatch only, the driver the body
 * names. A driver naming another driver is refused: a pass is issued to its holder.
 */
export function driverOfNewPass(caller: Identity, body: IssuePassBody): string {
  if (body.driver === undefined || body.driver === caller.sub) return caller.sub;
  if (hasScope(caller, DISPATCH_SCOPE)) return body.driver;
  throw new ForbiddenError(
    `Only dispatch issues a pass for another driver; leave "driver" out to get a pass for yourself (${caller.sub}).`,
  );
}

/** Whether the caller may see a pass (and its gate code): its driver, or dispatch. */
export function mayReadPass(caller: Identity, pass: Pick<GatePass, 'driver'>): boolean {
  return caller.sub === pass.driver || hasScope(caller, DISPATCH_SCOPE);
}
