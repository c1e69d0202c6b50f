import type {
  ConstDirectiveNode,
  DefinitionNode,
  FieldDefinitionNode,
  GraphQLSchema,
  TypeNode,
} from 'graphql';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import type { CellRouter } from '../cells/compile-cell-router.ts';
import { buildContractSchema } from '../graphql/build-contract-schema.ts';
import { Kind, print } from '../graphql/graphql-js.ts';
import { parseSdl } from '../graphql/parse-sdl.ts';
import { sortByModuleName } from '../graphql/sort-by-module-name.ts';

/** A field of a subgraph's object type, as the planner needs it. */
export interface PlannerField {
  /** The named type: `Title` for `[Title!]!`. */
  namedType: string;
  kind: 'leaf' | 'object' | 'other';
  /** Argument name -> printed type, e.g. `ids` -> `[ID!]!`. */
  args: Map<string, string>;
  /** Whether the field's type is a list (at the outer level). */
  list: boolean;
}

/** A merged type's entry point in a module: `_titles(ids: [ID!]!): [Title]! @merge(keyField: "id")`. */
export interface PlannerMerge {
  /** The key fields the source module must answer, e.g. `{ id }`. */
  selectionSet: string;
  fieldName: string;
  /** The field of each entry that carries its key, e.g. `id`. */
  keyField: string;
  /** The argument the keys are sent in, e.g. `ids`. */
  keyArg: string;
  key: (object: unknown) => unknown;
  argsFromKeys: (keys: readonly unknown[]) => Record<string, unknown>;
}

/** A module as the planner sees it: its object types and its merge entry points. */
export interface PlannerModule {
  name: string;
  types: Map<string, Map<string, PlannerField>>;
  merge: Map<string, PlannerMerge>;
  /**
   * The module's schema, which its answers are checked against; built on the first plan
   * that invokes the module, so a cold start builds none.
   */
  contract(): GraphQLSchema;
}

/** What the planner knows about one generation's supergraph. */
export interface PlannerContext {
  /** In module-name order. */
  modules: Map<string, PlannerModule>;
  /** Query field name -> the modules that define it. */
  rootOwners: Map<string, string[]>;
  /** Types the planner leaves to graphql-tools (computed or canonical fields, merges it does not read). */
  unsupportedTypes: Set<string>;
  /** The cellular modules' routers: a root fetch to one carries the cell its key maps to. */
  cellRouters: ReadonlyMap<string, CellRouter>;
}

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

/**
 * Reads the subgraphs' SDL and stitching directives (`@key`, `@merge(keyField:)`) into
 * what the planner needs, without building schemas or running graphql-tools'
 * directive transformer (most of a cold start's build time). Types whose directives say
 * more than that (`@computed`, `@canonical`, `@merge` with `keyArg` expressions, `argsExpr`,
 * additional arguments) are marked for graphql-tools.
 *
 * @example
 * const context = createPlannerContext(generation.subgraphs);
 */
export function createPlannerContext(
  subgraphs: readonly SubgraphEntry[],
  cellRouters: ReadonlyMap<string, CellRouter> = new Map(),
): PlannerContext {
  const ordered = sortByModuleName(subgraphs);
  const modules = new Map<string, PlannerModule>();
  const rootOwners = new Map<string, string[]>();
  const unsupportedTypes = new Set<string>();
  const keyed = new Map<string, number>();
  for (const subgraph of ordered) {
    const module = readModule(subgraph, unsupportedTypes);
    modules.set(subgraph.module, module);
    for (const field of module.types.get('Query')?.keys() ?? []) {
      rootOwners.set(field, [...(rootOwners.get(field) ?? []), subgraph.module]);
    }
    for (const typeName of module.keyedTypes) keyed.set(typeName, (keyed.get(typeName) ?? 0) + 1);
  }
  // A type keyed in one module only is not merged (as buildSubschemas drops its merge config).
  for (const module of modules.values()) {
    for (const typeName of module.merge.keys()) {
      if ((keyed.get(typeName) ?? 0) < 2) module.merge.delete(typeName);
    }
  }
  return { modules, rootOwners, unsupportedTypes, cellRouters };
}

function readModule(
  subgraph: SubgraphEntry,
  unsupportedTypes: Set<string>,
): PlannerModule & { keyedTypes: Set<string> } {
  const definitions = parseSdl(subgraph.sdl).definitions;
  const kinds = new Map<string, PlannerField['kind']>();
  const fieldNodes = new Map<string, FieldDefinitionNode[]>();
  const keys = new Map<string, string>();
  const keyedTypes = new Set<string>();
  for (const definition of definitions) {
    readDefinition(definition, { kinds, fieldNodes, keys, keyedTypes, unsupportedTypes });
  }
  const kindOf = (name: string): PlannerField['kind'] =>
    BUILT_IN_SCALARS.has(name) ? 'leaf' : (kinds.get(name) ?? 'other');
  const types = new Map<string, Map<string, PlannerField>>();
  for (const [typeName, nodes] of fieldNodes) {
    const fields = new Map<string, PlannerField>();
    for (const node of nodes) {
      const namedType = namedTypeOf(node.type);
      fields.set(node.name.value, {
        namedType,
        kind: kindOf(namedType),
        list: isList(node.type),
        args: new Map((node.arguments ?? []).map((a) => [a.name.value, print(a.type)])),
      });
    }
    types.set(typeName, fields);
  }
  const merge = new Map<string, PlannerMerge>();
  for (const node of fieldNodes.get('Query') ?? []) {
    const directive = node.directives?.find((d) => d.name.value === 'merge');
    if (!directive) continue;
    const typeName = namedTypeOf(node.type);
    keyedTypes.add(typeName);
    const entry = readMerge(node, directive, keys.get(typeName));
    if (!entry || merge.has(typeName)) unsupportedTypes.add(typeName);
    else merge.set(typeName, entry);
  }
  let contract: GraphQLSchema | undefined;
  return {
    name: subgraph.module,
    types,
    merge,
    keyedTypes,
    contract: () => {
      contract ??= buildContractSchema(subgraph.sdl);
      return contract;
    },
  };
}

interface ReadState {
  kinds: Map<string, PlannerField['kind']>;
  fieldNodes: Map<string, FieldDefinitionNode[]>;
  keys: Map<string, string>;
  keyedTypes: Set<string>;
  unsupportedTypes: Set<string>;
}

function readDefinition(definition: DefinitionNode, state: ReadState): void {
  switch (definition.kind) {
    case Kind.SCALAR_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_DEFINITION:
      state.kinds.set(definition.name.value, 'leaf');
      return;
    case Kind.SCHEMA_DEFINITION:
    case Kind.SCHEMA_EXTENSION:
      // Root types named other than Query: the planner leaves the module to graphql-tools.
      for (const op of definition.operationTypes ?? []) {
        if (op.operation === 'query' && op.type.name.value !== 'Query')
          state.unsupportedTypes.add(op.type.name.value);
      }
      return;
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION: {
      const name = definition.name.value;
      state.kinds.set(name, 'object');
      const fields = state.fieldNodes.get(name) ?? [];
      state.fieldNodes.set(name, [...fields, ...(definition.fields ?? [])]);
      for (const directive of definition.directives ?? []) {
        if (directive.name.value === 'key') {
          const selectionSet = stringArgument(directive, 'selectionSet');
          if (selectionSet) state.keys.set(name, selectionSet);
          state.keyedTypes.add(name);
        }
        if (directive.name.value === 'canonical') state.unsupportedTypes.add(name);
      }
      for (const field of definition.fields ?? []) {
        const names = field.directives?.map((d) => d.name.value) ?? [];
        if (names.includes('computed') || names.includes('canonical'))
          state.unsupportedTypes.add(name);
      }
      return;
    }
    default:
      return;
  }
}

/** `@merge(keyField: "id")` on a list field with one argument, the keys passed as that argument. */
function readMerge(
  node: FieldDefinitionNode,
  directive: ConstDirectiveNode,
  keySelectionSet: string | undefined,
): PlannerMerge | undefined {
  const argumentNames = directive.arguments?.map((a) => a.name.value) ?? [];
  if (argumentNames.some((name) => name !== 'keyField' && name !== 'keyArg')) return undefined;
  const keyField = stringArgument(directive, 'keyField');
  const args = node.arguments ?? [];
  const keyArg =
    stringArgument(directive, 'keyArg') ?? (args.length === 1 ? args[0]?.name.value : undefined);
  if (!keyField || !/^\w+$/.test(keyField) || !keyArg || !/^\w+$/.test(keyArg)) return undefined;
  if (
    !isList(node.type) ||
    args.some(
      (a) => a.name.value !== keyArg && a.type.kind === Kind.NON_NULL_TYPE && !a.defaultValue,
    )
  )
    return undefined;
  return {
    selectionSet: keySelectionSet ?? `{ ${keyField} }`,
    fieldName: node.name.value,
    keyField,
    keyArg,
    key: (object) => (object as Record<string, unknown>)[keyField],
    argsFromKeys: (keys) => ({ [keyArg]: keys }),
  };
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function isList(type: TypeNode): boolean {
  return type.kind === Kind.NON_NULL_TYPE ? isList(type.type) : type.kind === Kind.LIST_TYPE;
}
