import type { Invoker } from '../../gateway/invoke/types.ts';

/**
 * Wraps an invoker to count invokes and to know, per request, the union of its invoke
 * intervals: the time the request spent waiting on modules, so that latency minus it is
 * the gateway's own overhead.
 */
export function timeInvokes(invoke: Invoker) {
  const spans = new Map<string, [number, number][]>();
  let count = 0;
  const timed: Invoker = async (request) => {
    const start = performance.now();
    const result = await invoke(request);
    count++;
    const requestId =
      (JSON.parse(request.payload) as { context?: { requestId?: string } }).context?.requestId ??
      '';
    const list = spans.get(requestId) ?? [];
    list.push([start, performance.now()]);
    spans.set(requestId, list);
    return result;
  };
  /** The request's waiting time and its number of invokes; forgets the request. */
  const waited = (requestId: string) => {
    const list = (spans.get(requestId) ?? []).sort((a, b) => a[0] - b[0]);
    spans.delete(requestId);
    let total = 0;
    let end = Number.NEGATIVE_INFINITY;
    for (const [s, e] of list) {
      if (s >= end) total += e - s;
      else if (e > end) total += e - end;
      end = Math.max(end, e);
    }
    return { total, count: list.length };
  };
  return { timed, waited, invokes: () => count };
}
