import type { InvokeResult, Invoker } from './types.ts';

/**
 * Wraps an invoker so that identical invokes in flight at once (same function, qualifier
 * and payload) share one call. A request fanning out to the same record twice, or many
 * concurrent requests asking the same thing, cost one invoke.
 *
 * @example
 * const invoke = dedupeInvokes(lambda.invoke);
 */
export function dedupeInvokes(invoke: Invoker): Invoker {
  const inFlight = new Map<string, Promise<InvokeResult>>();
  return (request) => {
    const key = `${request.functionName}\u0000${request.qualifier}\u0000${request.payload}`;
    const running = inFlight.get(key);
    if (running) return running;
    const call = invoke(request).finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return call;
  };
}
