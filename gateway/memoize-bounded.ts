/**
 * `compute` remembered per string key, for the few keys a hot path sees again and again
 * (function names, request paths, query texts). When `maxEntries` are held, the next
 * new key empties the memo: a key space that big is not the few keys this is for.
 * Rather than lib's LRU cache, whose every hit deletes and re-inserts the entry
 * (0.3-0.6% of the gateway's CPU per request where the document cache uses it), a hit
 * here is one Map lookup; the key strings are usually the same objects each time, so
 * V8 hashes them once.
 *
 * @example
 * const quoted = memoizeBounded(1000, (text: string) => JSON.stringify(text));
 * quoted('{ name }'); // computed once, then looked up
 */
export function memoizeBounded<V>(
  maxEntries: number,
  compute: (key: string) => V,
): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      if (memo.size >= maxEntries) memo.clear();
      value = compute(key);
      memo.set(key, value);
    }
    return value;
  };
}
