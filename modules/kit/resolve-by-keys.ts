/** Where `resolveByKeys` finds the keys in the merge field's arguments and its records. */
export interface ResolveByKeysOptions {
  /** @default 'ids' */
  argument?: string;
  /** @default 'id' */
  keyField?: string;
}

/**
 * Builds the resolver of a batched merge field such as
 * `_titles(ids: [ID!]!): [Title]! @merge(keyField: "id")`. `load` gets every key of a
 * merge level at once and may return the records in any order, with some missing;
 * the gateway needs one answer per key, in the keys' order, `null` for a missing one.
 *
 * @example
 * const resolvers = {
 *   Query: { _titles: resolveByKeys((ids) => ratingsFor(ids, context)) },
 * };
 */
export function resolveByKeys<TRecord extends object, TContext = unknown>(
  load: (keys: string[], context: TContext) => Promise<readonly TRecord[]> | readonly TRecord[],
  options: ResolveByKeysOptions = {},
): (
  parent: unknown,
  args: Record<string, unknown>,
  context: TContext,
) => Promise<(TRecord | null)[]> {
  const argument = options.argument ?? 'ids';
  const keyField = options.keyField ?? 'id';
  return async (_parent, args, context) => {
    const keys = ((args[argument] as unknown[] | undefined) ?? []).map(String);
    const records = await load(keys, context);
    const byKey = new Map(
      records.map((r) => [String((r as Record<string, unknown>)[keyField]), r] as const),
    );
    return keys.map((key) => byKey.get(key) ?? null);
  };
}
