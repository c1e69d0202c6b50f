import type { FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from 'graphql';
import { describeValue } from '../invoke/describe-value.ts';
import {
  acceptAnything,
  compileSelectionCheck,
  type ValueCheck,
  type Violation,
} from './compile-selection-check.ts';
import { isListType, isNonNullType, Kind } from './graphql-js.ts';

/**
 * What a merge field (`_titles(ids: [ID!]!): [Title]! @merge(keyField: "id")`)
 * promises beyond its type: one entry per key asked, in the order asked.
 */
export interface MergeListContract {
  /** The list itself is non-null (`[Title]!`). */
  readonly listNonNull: boolean;
  /** Its entries are non-null (`[Title!]!`): no entry may be missing as null. */
  readonly itemNonNull: boolean;
  /** The response key under which an entry carries its key field, when the query asks for it. */
  readonly keyResponseKey: string | undefined;
  /** The check of one entry that is not null. */
  readonly item: ValueCheck;
}

/**
 * Compiles the contract of a merge field of `schema` (the module's own) for a selection
 * of its entries. `checkItems: false` leaves the entries' values to another check (one
 * that walks the whole answer anyway).
 *
 * @example
 * const contract = compileMergeListContract(schema, '_titles', 'id', [selectionSet], fragments);
 */
export function compileMergeListContract(
  schema: GraphQLSchema,
  fieldName: string,
  keyField: string,
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  checkItems = true,
): MergeListContract | undefined {
  const field = schema.getQueryType()?.getFields()[fieldName];
  if (!field) return undefined;
  const type = field.type;
  const list = isNonNullType(type) ? type.ofType : type;
  if (!isListType(list)) return undefined;
  const item = list.ofType;
  const itemType = isNonNullType(item) ? item.ofType : item;
  return {
    listNonNull: isNonNullType(type),
    itemNonNull: isNonNullType(item),
    keyResponseKey: keyResponseKey(selectionSets, keyField),
    item: checkItems
      ? compileSelectionCheck(schema, String(itemType), selectionSets, fragments)
      : acceptAnything,
  };
}

/**
 * Checks a merge field's answer against the keys it was asked for: a list (null only
 * with an error to say why, and only where the type allows it), as many entries as
 * keys, an entry null only where the type allows it, an entry that carries its key
 * field carrying the key asked at its place, and each entry's values.
 *
 * @example
 * checkMergeList([], ['tt1', 'tt2'], contract, false); // { path: [], problem: '0 entries for 2 keys' }
 */
export function checkMergeList(
  list: unknown,
  keys: readonly unknown[],
  contract: MergeListContract,
  hasErrors: boolean,
): Violation | undefined {
  if (list === undefined) return { path: [], problem: 'missing' };
  if (list === null) {
    if (hasErrors && !contract.listNonNull) return undefined;
    return { path: [], problem: `null where ${keys.length} entries belong` };
  }
  if (!Array.isArray(list))
    return { path: [], problem: `${describeValue(list)} where ${keys.length} entries belong` };
  if (list.length !== keys.length)
    return { path: [], problem: `${list.length} entries for ${keys.length} keys` };
  const keyKey = contract.keyResponseKey;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    if (entry === null) {
      if (contract.itemNonNull) return { path: [i], problem: 'null where the list is non-null' };
      continue;
    }
    if (keyKey !== undefined && typeof entry === 'object' && !Array.isArray(entry)) {
      const key = (entry as Record<string, unknown>)[keyKey];
      if (key != null && key !== keys[i] && String(key) !== String(keys[i])) {
        const problem = `the entry of another key: ${JSON.stringify(key)} where ${JSON.stringify(keys[i])} was asked`;
        return { path: [i, keyKey], problem };
      }
    }
    const found = contract.item(entry);
    if (found) {
      found.path.unshift(i);
      return found;
    }
  }
  return undefined;
}

/** Where the selection asks for the key field itself (`id`, or `myId: id`). */
function keyResponseKey(
  selectionSets: readonly SelectionSetNode[],
  keyField: string,
): string | undefined {
  for (const set of selectionSets) {
    for (const selection of set.selections) {
      if (
        selection.kind === Kind.FIELD &&
        selection.name.value === keyField &&
        !selection.directives?.length
      )
        return selection.alias?.value ?? keyField;
    }
  }
  return undefined;
}
