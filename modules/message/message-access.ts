import { ForbiddenError, hasScope, type Identity } from '../kit/index.ts';

/** Dispatchers read every driver's messages and send to any driver. */
export const DISPATCH_SCOPE = 'dispatch';
export const READ_SCOPES = [['messages:read'], [DISPATCH_SCOPE]];
export const SEND_SCOPES = [['messages:write'], [DISPATCH_SCOPE]];

/**
 * The token subject of a driver: the Relay app's drivers sign in as `driver-<driverId>`,
 * so driver D1 is `driver-D1`.
 */
export function driverSubject(driverId: string): string {
  return `driver-${driverId}`;
}

/** A driver reads only their own messages; dispatch reads anyone's. */
export function checkMayRead(caller: Identity, driverId: string): void {
  if (caller.sub === driverSubject(driverId) || hasScope(caller, DISPATCH_SCOPE)) return;
  throw new ForbiddenError(
    `The messages of driver ${driverId} are theirs: sign in as ${driverSubject(driverId)}, or with the dispatch scope.`,
  );
}
