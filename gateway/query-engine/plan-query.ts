import type {
  ArgumentNode,
  DirectiveNode,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';
import {
  compileGraphqlCellRoute,
  type GraphqlCellRoute,
} from '../cells/compile-graphql-cell-route.ts';
import { compileMergeListContract, type MergeListContract } from '../graphql/check-merge-list.ts';
import { compileOperationCheck, type OperationCheck } from '../graphql/compile-operation-check.ts';
import {
  getOperationAST,
  Kind,
  parse,
  print,
  stripIgnoredCharacters,
} from '../graphql/graphql-js.ts';
import { compileResultShaper, type ResultShaper } from './compile-result-shaper.ts';
import { compileVariablesCheck, type VariablesCheck } from './compile-variables-check.ts';
import type {
  PlannerContext,
  PlannerField,
  PlannerMerge,
  PlannerModule,
} from './create-planner-context.ts';

/** One invoke at the first level: a module's share of the operation's root fields. */
export interface RootFetch {
  readonly module: string;
  readonly query: string;
  readonly variableNames: readonly string[];
  readonly responseKeys: readonly string[];
  readonly merges: readonly MergeStep[];
  /** Judges the module's answer to `query`, compiled with the plan. */
  readonly check: OperationCheck;
  /** For a cellular module: the cell the fields' key maps to, compiled with the plan. */
  readonly cell: GraphqlCellRoute | undefined;
}

/**
 * Fields of a merged type that another module owns, fetched through its merge field
 * (`_titles(ids: [...])`) with the keys of the objects found at `path`.
 */
export interface MergeStep {
  /** Unique within the plan: merge queries are cached by the ids of the steps they combine. */
  readonly id: number;
  readonly module: string;
  /** Response keys from the object the parent fetch answered down to the merged objects. */
  readonly path: readonly string[];
  /** Response keys from the operation's root to the merged objects (no list indexes). */
  readonly clientPath: readonly string[];
  readonly fieldName: string;
  /** The merge field's arguments and their types, as the module declares them. */
  readonly argTypes: ReadonlyMap<string, string>;
  readonly key: (object: unknown) => unknown;
  readonly argsFromKeys: (keys: readonly unknown[]) => Record<string, unknown>;
  /** The argument of `argsFromKeys` that holds the keys. */
  readonly keyArg: string;
  /** The printed selection set sent to the module, e.g. `{ title year }`. */
  readonly selectionText: string;
  readonly variableNames: readonly string[];
  /** The response keys this step fills in each merged object. */
  readonly fieldKeys: readonly string[];
  readonly merges: readonly MergeStep[];
  /**
   * What the merge field's answer must be for the keys sent (one entry per key, in
   * order, each fitting `selectionText`), compiled with the plan; undefined when the
   * module's schema does not declare the field as a list.
   */
  readonly answerContract: MergeListContract | undefined;
}

/**
 * How one query operation runs: root fetches, then merge levels. Built once per document
 * and operation and shared by every request that runs it, so it never changes once
 * built (frozen, but for its maps, which are typed read-only).
 */
export interface QueryPlan {
  /** `query Name` or `query`: the head of every query sent to a module. */
  readonly operationHead: string;
  readonly operationName: string | undefined;
  readonly operation: OperationDefinitionNode;
  readonly fetches: readonly RootFetch[];
  /** Printed client variable definitions by name. */
  readonly variableDefinitions: ReadonlyMap<string, string>;
  /** The operation's fragments, by name. */
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Shapes the fetched data into the answer; undefined leaves that to graphql-js. */
  readonly shape: ResultShaper | undefined;
  /** A fast yes for valid variables; undefined (or a no) leaves them to graphql-js. */
  readonly variablesCheck: VariablesCheck | undefined;
}

class UnsupportedError extends Error {}

/**
 * Plans a validated query: which module answers which root fields, and which merge
 * fields fill in the fields other modules own, each query printed once; the answer's
 * shaper and the variables check are compiled against `schema` (the supergraph's types
 * without resolvers). Answers undefined for what the planner leaves to graphql-tools:
 * mutations and subscriptions, introspection, abstract types, fragments on other types,
 * computed or canonical fields, root fields defined by more than one module.
 *
 * @example
 * const plan = planQuery(context, schema, document, 'KnownFor');
 */
export function planQuery(
  context: PlannerContext,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): QueryPlan | undefined {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'query') return undefined;
  try {
    return buildPlan(context, schema, document, operation);
  } catch (error) {
    if (error instanceof UnsupportedError) return undefined;
    throw error;
  }
}

interface PlanState {
  context: PlannerContext;
  fragments: Map<string, FragmentDefinitionNode>;
  nextStepId: number;
}

function buildPlan(
  context: PlannerContext,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): QueryPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const state: PlanState = { context, fragments, nextStepId: 0 };
  const byModule = new Map<string, FieldNode[]>();
  for (const field of flattenFields(operation.selectionSet.selections, 'Query', state)) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const owners = context.rootOwners.get(name) ?? [];
    if (owners.length !== 1 || name.startsWith('__')) unsupported();
    const owner = owners[0] as string;
    byModule.set(owner, [...(byModule.get(owner) ?? []), field]);
  }
  const variableDefinitions = new Map(
    (operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, print(d)]),
  );
  const operationName = operation.name?.value;
  const operationHead = operationName ? `query ${operationName}` : 'query';
  const fetches = [...byModule].map(([moduleName, fields]): RootFetch => {
    const module = context.modules.get(moduleName) as PlannerModule;
    const router = context.cellRouters.get(moduleName);
    const planned = planSelections(state, module, 'Query', fields, [], []);
    const variableNames = collectVariables(planned.selections);
    const definitions = variableNames.map((n) => variableDefinitions.get(n) as string);
    const head = definitions.length ? `${operationHead}(${definitions.join(', ')})` : operationHead;
    return Object.freeze({
      module: moduleName,
      query: stripIgnoredCharacters(`${head} ${printSelections(planned.selections)}`),
      variableNames: Object.freeze(variableNames),
      responseKeys: Object.freeze(fields.map(responseKey)),
      merges: Object.freeze(planned.merges),
      check: compileOperationCheck(
        module.contract(),
        'Query',
        [selectionSet(planned.selections)],
        fragments,
      ),
      cell: router && compileGraphqlCellRoute(router, 'Query', fields),
    });
  });
  return Object.freeze({
    operationHead,
    operationName,
    operation,
    fetches: Object.freeze(fetches),
    variableDefinitions,
    fragments,
    shape: compileResultShaper(schema, operation, fragments),
    variablesCheck: compileVariablesCheck(schema, operation.variableDefinitions ?? []),
  });
}

interface PlannedSelections {
  selections: SelectionNode[];
  merges: MergeStep[];
}

/**
 * The part of `fields` (on `typeName`) that `module` answers itself, plus a merge step
 * per other module for the fields it owns, with the key fields those steps need added.
 */
function planSelections(
  state: PlanState,
  module: PlannerModule,
  typeName: string,
  fields: readonly FieldNode[],
  path: readonly string[],
  clientPath: readonly string[],
): PlannedSelections {
  const type = module.types.get(typeName);
  if (!type || state.context.unsupportedTypes.has(typeName)) unsupported();
  const local: SelectionNode[] = [];
  const merges: MergeStep[] = [];
  const missing: FieldNode[] = [];
  for (const same of groupByResponseKey(fields)) {
    const field = same[0] as FieldNode;
    for (const node of same) checkDirectives(node.directives);
    const name = field.name.value;
    if (name === '__typename') continue;
    if (name.startsWith('__')) unsupported();
    const definition = type.get(name);
    if (!definition) {
      missing.push(...same);
      continue;
    }
    if (definition.kind === 'leaf') {
      local.push(...same);
      continue;
    }
    if (definition.kind !== 'object') unsupported();
    const key = responseKey(field);
    const sub = planSelections(
      state,
      module,
      definition.namedType,
      subFields(same, definition.namedType, state),
      [...path, key],
      [...clientPath, key],
    );
    local.push({
      ...field,
      selectionSet: { kind: Kind.SELECTION_SET, selections: sub.selections },
    });
    merges.push(...sub.merges);
  }
  for (const [target, group] of groupByOwner(state.context, module, typeName, missing)) {
    injectKeyFields(local, type, target.merge.get(typeName) as PlannerMerge);
    merges.push(mergeStep(state, target, typeName, group, path, clientPath));
  }
  if (local.length === 0)
    local.push({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } });
  return { selections: local, merges };
}

function mergeStep(
  state: PlanState,
  target: PlannerModule,
  typeName: string,
  fields: FieldNode[],
  path: readonly string[],
  clientPath: readonly string[],
): MergeStep {
  const config = target.merge.get(typeName) as PlannerMerge;
  const fieldName = config.fieldName;
  const mergeField = target.types.get('Query')?.get(fieldName);
  if (!mergeField) unsupported();
  const planned = planSelections(state, target, typeName, fields, [], clientPath);
  return Object.freeze({
    id: state.nextStepId++,
    module: target.name,
    path: Object.freeze(path),
    clientPath: Object.freeze(clientPath),
    fieldName,
    argTypes: mergeField.args,
    key: config.key,
    argsFromKeys: config.argsFromKeys,
    keyArg: config.keyArg,
    selectionText: printSelections(planned.selections),
    variableNames: Object.freeze(collectVariables(planned.selections)),
    fieldKeys: Object.freeze(fields.map(responseKey)),
    merges: Object.freeze(planned.merges),
    answerContract: compileMergeListContract(
      target.contract(),
      fieldName,
      config.keyField,
      [selectionSet(planned.selections)],
      state.fragments,
    ),
  });
}

/**
 * Fields by response key, in the order of their first occurrence: `items { a } items { b }`
 * is one field `items { a b }` (GraphQL's field collection), planned once, so that its
 * merged fields are fetched by one step and never overwrite each other.
 */
function groupByResponseKey(fields: readonly FieldNode[]): FieldNode[][] {
  const groups = new Map<string, FieldNode[]>();
  for (const field of fields) {
    const key = responseKey(field);
    const group = groups.get(key);
    if (group) group.push(field);
    else groups.set(key, [field]);
  }
  return [...groups.values()];
}

/**
 * The fields of the selection sets of one response key's nodes, together. Nodes with
 * `@skip` or `@include` may each be in or out: those are left to graphql-tools.
 */
function subFields(same: readonly FieldNode[], typeName: string, state: PlanState): FieldNode[] {
  if (same.length > 1 && same.some((node) => node.directives?.length)) unsupported();
  const out: FieldNode[] = [];
  for (const node of same) {
    if (!node.selectionSet) unsupported();
    flattenFields(node.selectionSet.selections, typeName, state, out);
  }
  return out;
}

/** Groups fields by the module that will answer them: the owner of the most of them first. */
function groupByOwner(
  context: PlannerContext,
  from: PlannerModule,
  typeName: string,
  fields: FieldNode[],
): Map<PlannerModule, FieldNode[]> {
  const groups = new Map<PlannerModule, FieldNode[]>();
  if (fields.length === 0) return groups;
  if (context.unsupportedTypes.has(typeName)) unsupported();
  const ownersOf = (field: FieldNode) =>
    [...context.modules.values()].filter((m) => m !== from && canMerge(m, typeName, field));
  const counts = new Map<PlannerModule, number>();
  const owners = fields.map((field) => {
    const list = ownersOf(field);
    if (list.length === 0) unsupported();
    for (const m of list) counts.set(m, (counts.get(m) ?? 0) + 1);
    return list;
  });
  fields.forEach((field, i) => {
    const list = owners[i] as PlannerModule[];
    const best = list.reduce((a, b) => ((counts.get(b) ?? 0) > (counts.get(a) ?? 0) ? b : a));
    groups.set(best, [...(groups.get(best) ?? []), field]);
  });
  return groups;
}

function canMerge(module: PlannerModule, typeName: string, field: FieldNode): boolean {
  return module.types.get(typeName)?.has(field.name.value) === true && module.merge.has(typeName);
}

/** Adds the key fields a merge needs (`{ id }`) to what the source module is asked. */
function injectKeyFields(
  local: SelectionNode[],
  type: Map<string, PlannerField>,
  config: PlannerMerge,
): void {
  const keySelections = parse(`{ __k ${config.selectionSet} }`).definitions[0];
  if (keySelections?.kind !== Kind.OPERATION_DEFINITION) unsupported();
  const keyField = keySelections.selectionSet.selections[0];
  const keys = keyField?.kind === Kind.FIELD ? keyField.selectionSet?.selections : undefined;
  for (const key of keys ?? unsupported()) {
    if (key.kind !== Kind.FIELD || key.selectionSet || key.alias || key.arguments?.length)
      unsupported();
    const name = key.name.value;
    if (type.get(name)?.kind !== 'leaf') unsupported();
    const same = local.find((s) => s.kind === Kind.FIELD && responseKey(s) === name);
    if (same) {
      if (same.kind !== Kind.FIELD || same.name.value !== name || same.arguments?.length)
        unsupported();
      continue;
    }
    local.push({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } });
  }
}

/** The fields of a selection set on an object type, fragments on that type inlined. */
function flattenFields(
  selections: readonly SelectionNode[],
  typeName: string,
  state: PlanState,
  out: FieldNode[] = [],
): FieldNode[] {
  for (const selection of selections) {
    if (selection.kind === Kind.FIELD) {
      out.push(selection);
      continue;
    }
    if (selection.directives?.length) unsupported();
    const fragment =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection
        : state.fragments.get(selection.name.value);
    if (!fragment) unsupported();
    const condition = fragment.typeCondition?.name.value;
    if (condition !== undefined && condition !== typeName) unsupported();
    flattenFields(fragment.selectionSet.selections, typeName, state, out);
  }
  return out;
}

function checkDirectives(directives: readonly DirectiveNode[] | undefined): void {
  for (const directive of directives ?? []) {
    if (directive.name.value !== 'skip' && directive.name.value !== 'include') unsupported();
  }
}

function collectVariables(selections: readonly SelectionNode[]): string[] {
  const names = new Set<string>();
  const fromValue = (value: ValueNode) => {
    if (value.kind === Kind.VARIABLE) names.add(value.name.value);
    else if (value.kind === Kind.LIST) value.values.forEach(fromValue);
    else if (value.kind === Kind.OBJECT) for (const f of value.fields) fromValue(f.value);
  };
  const fromArguments = (args: readonly ArgumentNode[] | undefined) => {
    for (const arg of args ?? []) fromValue(arg.value);
  };
  const walk = (list: readonly SelectionNode[]) => {
    for (const selection of list) {
      if (selection.kind !== Kind.FIELD) continue;
      fromArguments(selection.arguments);
      for (const directive of selection.directives ?? []) fromArguments(directive.arguments);
      if (selection.selectionSet) walk(selection.selectionSet.selections);
    }
  };
  walk(selections);
  return [...names];
}

function printSelections(selections: readonly SelectionNode[]): string {
  return print(selectionSet(selections));
}

function selectionSet(selections: readonly SelectionNode[]): SelectionSetNode {
  return { kind: Kind.SELECTION_SET, selections };
}

export function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

function unsupported(): never {
  throw new UnsupportedError();
}
