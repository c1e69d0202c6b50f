import type { DeploymentRecord, OperatorRequest } from '../../contracts/deployment-record.ts';
import { DeploymentInterruptedError } from './errors.ts';

export interface OperatorSteering {
  /** Aborted, with a DeploymentInterruptedError naming who and why, once an operator asks to abort. */
  abortSignal: AbortSignal;
  /** Aborted once an operator asks to promote now: bakes end at once, healthy. */
  promoteSignal: AbortSignal;
  /** The promote request, once there is one. */
  promotion(): OperatorRequest | undefined;
  /** Reads a fresh record (each heartbeat): acts on requests not seen yet. */
  readFrom(record: DeploymentRecord): void;
}

/**
 * How a running deployment hears an operator in another process (the console): the
 * requests its record carries (`DeploymentStore.request`), read at every heartbeat.
 * An abort stops it at its next safe point, every module in flight back on its stable
 * version, as Ctrl-C does where it runs; a promote skips the rest of every bake: all
 * traffic to the new version, then the post-traffic checks, which still guard it.
 */
export function createOperatorSteering(): OperatorSteering {
  const abort = new AbortController();
  const promote = new AbortController();
  let promotion: OperatorRequest | undefined;
  return {
    abortSignal: abort.signal,
    promoteSignal: promote.signal,
    promotion: () => promotion,
    readFrom(record) {
      for (const request of record.requests ?? []) {
        if (request.action === 'abort' && !abort.signal.aborted)
          abort.abort(
            new DeploymentInterruptedError(`aborted by ${request.by} (${request.reason})`),
          );
        if (request.action === 'promote' && !promote.signal.aborted) {
          promotion = request;
          promote.abort();
        }
      }
    },
  };
}
