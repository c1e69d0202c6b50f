/**
 * Names inside a merge query. One merge query carries every step of a merge level that
 * goes to the same module, so the same merge field may appear twice (`_titles` for
 * `knownFor` and for `best`): each step's field gets the alias `_<index>` (its place in
 * that query) and each of its key arguments the variable `$_<index>_<argument>`. The
 * alias is how the answer and its errors' paths come back to the step; the leading
 * underscore makes a valid GraphQL name of the index. Merge queries are printed once per
 * combination of steps, but the answers are read on every request, so these stay plain
 * string templates.
 */

/**
 * The alias of the merge field at `index` in a merge query.
 *
 * @example
 * mergeFieldAlias(0); // '_0': `{ _0: _titles(ids: $_0_ids) { title } }`
 */
export function mergeFieldAlias(index: number): string {
  return `_${index}`;
}

/**
 * The index back from an alias `mergeFieldAlias` made, as it returns in an error path's
 * first segment.
 *
 * @example
 * mergeFieldIndex('_1'); // 1
 */
export function mergeFieldIndex(alias: string): number {
  return Number(alias.slice(1));
}

/**
 * The variable (without `$`) that carries argument `name` of the merge field at `index`.
 *
 * @example
 * mergeArgumentVariable(0, 'ids'); // '_0_ids', declared as `$_0_ids: [ID!]!`
 */
export function mergeArgumentVariable(index: number, name: string): string {
  return `_${index}_${name}`;
}
