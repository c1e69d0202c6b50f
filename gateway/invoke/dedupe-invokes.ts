import type { InvokeResult, Invoker } from './types.ts';

/**
 * Wraps an invoker so that identical invokes in flight at once (same function, qualifier
 * and payload) share one call. A request fanning out to the same record twice, or many
 * concurrent requests asking the same thing, cost one invoke. Across requests, payloads
 * differ by the request id, so idempotent invokes compare their `sharedKey` instead; the
 * shared call carries the first request's id (its log line names that request). The
 * shared key names the verified caller (create-module-executor.ts), so requests of
 * different callers never share an invoke: a module may answer each differently.
 *
 * @example
 * const invoke = dedupeInvokes(lambda.invoke);
 */
export function dedupeInvokes(invoke: Invoker): Invoker {
  const inFlight = new Map<string, Promise<InvokeResult>>();
  return (request) => {
    const payload = request.idempotent ? (request.sharedKey ?? request.payload) : request.payload;
    const key = `${request.functionName}\u0000${request.qualifier}\u0000${payload}`;
    const running = inFlight.get(key);
    if (running) return running;
    const call = invoke(request).finally(() => inFlight.delete(key));
    inFlight.set(key, call);
    return call;
  };
}
