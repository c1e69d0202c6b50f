import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLSchema,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import type { AnswerCheck } from '../invoke/types.ts';
import {
  checkMergeList,
  compileMergeListContract,
  type MergeListContract,
} from './check-merge-list.ts';
import {
  compileSelectionCheck,
  formatViolation,
  type ValueCheck,
} from './compile-selection-check.ts';
import { Kind } from './graphql-js.ts';

/** Judges a module's `data` for one query it was sent (an `AnswerCheck`). */
export type OperationCheck = AnswerCheck;

interface RootMerge {
  key: string;
  contract: MergeListContract;
  keys: (variables: Record<string, unknown> | undefined) => unknown;
}

/**
 * Compiles, once per module query, the check of the module's answer to it: the root
 * selection by the module's schema (`compileSelectionCheck`), and every merge field
 * asked at the root (`@merge(keyField:)` with its keys in one argument, a variable or a
 * list) answering one entry per key, in order (`checkMergeList`). The query planner
 * compiles one per root fetch when it plans; the graphql-tools path one per document
 * it delegates.
 *
 * @example
 * const check = compileOperationCheck(schema, 'Query', [operation.selectionSet], fragments);
 * const violation = check(answer.data, false, variables);
 */
export function compileOperationCheck(
  schema: GraphQLSchema,
  rootTypeName: string,
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): OperationCheck {
  const selection = compileSelectionCheck(schema, rootTypeName, selectionSets, fragments);
  const isQuery = rootTypeName === schema.getQueryType()?.name;
  const merges = isQuery ? rootMerges(schema, selectionSets, fragments) : [];
  // A graphlet stops null propagation at its query's root fields (modules/kit): with
  // errors, a root field may be null whatever its type. Compiled on the first such answer.
  let withErrors: ValueCheck | undefined;
  const compileWithErrors = () =>
    compileSelectionCheck(schema, rootTypeName, selectionSets, fragments, {
      nullableFields: true,
    });
  return (data, hasErrors, variables) => {
    // Merge lists first: "0 entries for 3 keys" says more than what their type allows.
    for (const merge of merges) {
      const keys = merge.keys(variables);
      if (!Array.isArray(keys)) continue;
      const wrong = checkMergeList(data[merge.key], keys, merge.contract, hasErrors);
      if (wrong) {
        wrong.path.unshift(merge.key);
        return formatViolation(wrong);
      }
    }
    let check = selection;
    if (hasErrors && isQuery) {
      withErrors ??= compileWithErrors();
      check = withErrors;
    }
    const found = check(data);
    return found && formatViolation(found);
  };
}

function rootMerges(
  schema: GraphQLSchema,
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): RootMerge[] {
  const fields = schema.getQueryType()?.getFields() ?? {};
  const merges: RootMerge[] = [];
  for (const set of selectionSets) {
    for (const node of set.selections) {
      if (node.kind !== Kind.FIELD || node.directives?.length) continue;
      const definition = fields[node.name.value];
      const merge = definition && readMergeDirective(definition);
      const argument = merge && node.arguments?.find((a) => a.name.value === merge.keyArg);
      const keys = argument && readKeys(argument.value);
      if (!merge || !keys) continue;
      const subSets = node.selectionSet ? [node.selectionSet] : [];
      // The selection check walks the entries already: here only their count and keys.
      const contract = compileMergeListContract(
        schema,
        node.name.value,
        merge.keyField,
        subSets,
        fragments,
        false,
      );
      if (contract) merges.push({ key: responseKey(node), contract, keys });
    }
  }
  return merges;
}

/**
 * `@merge(keyField: "id")`, its keys in one argument (`keyArg`, or the only one): the
 * form the query planner reads too (query-engine/create-planner-context.ts).
 */
function readMergeDirective(
  field: GraphQLField<unknown, unknown>,
): { keyField: string; keyArg: string } | undefined {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'merge');
  if (!directive) return undefined;
  const text = (name: string) => {
    const value = directive.arguments?.find((a) => a.name.value === name)?.value;
    return value?.kind === Kind.STRING ? value.value : undefined;
  };
  const keyField = text('keyField');
  const keyArg = text('keyArg') ?? (field.args.length === 1 ? field.args[0]?.name : undefined);
  if (!keyField || !keyArg || !/^\w+$/.test(keyArg)) return undefined;
  return { keyField, keyArg };
}

function readKeys(
  value: ValueNode,
): ((variables: Record<string, unknown> | undefined) => unknown) | undefined {
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    return (variables) => variables?.[name];
  }
  if (value.kind !== Kind.LIST) return undefined;
  const keys = value.values.map((v) =>
    'value' in v && typeof v.value === 'string' ? v.value : undefined,
  );
  return () => keys;
}

function responseKey(node: FieldNode): string {
  return node.alias?.value ?? node.name.value;
}
