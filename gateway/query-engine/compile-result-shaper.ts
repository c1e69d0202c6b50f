import type {
  ExecutionResult,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import {
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  locatedError,
} from '../graphql/graphql-js.ts';

interface TypeShape {
  nonNull: boolean;
  /** The item type, for a list. */
  list?: TypeShape;
  /** The object's name and fields, for an object type; neither for a leaf. */
  typeName?: string;
  fields?: FieldShape[];
}

interface FieldShape {
  key: string;
  name: string;
  parentType: string;
  nodes: FieldNode[];
  type: TypeShape;
}

/** Shapes fetched data (keyed by response keys) into the client's answer. */
export type ResultShaper = (data: Record<string, unknown>) => ExecutionResult;

/**
 * Compiles what graphql-js's execution does with resolvers that read fetched data:
 * fields in the client's order, fragments merged, `__typename`, nulls propagated to the
 * nearest nullable parent with graphql-js's errors, module errors placed in the data
 * thrown where they lie. Leaves are copied as the modules serialized them. Answers
 * undefined for operations with `@skip` or `@include` (their fields depend on variables)
 * and for abstract types: those are shaped by graphql-js.
 *
 * @example
 * const shape = compileResultShaper(schema, operation, fragments);
 * const result = shape?.(fetchedData);
 */
export function compileResultShaper(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): ResultShaper | undefined {
  const query = schema.getQueryType();
  if (!query) return undefined;
  try {
    const fields = compileFields(schema, query.name, [operation.selectionSet], fragments);
    return (data) => shapeRoot(fields, data);
  } catch (error) {
    if (error instanceof NotCompilable) return undefined;
    throw error;
  }
}

class NotCompilable extends Error {}

function compileFields(
  schema: GraphQLSchema,
  typeName: string,
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FieldShape[] {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new NotCompilable();
  const groups = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const collect = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.directives?.length) throw new NotCompilable();
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const group = groups.get(key);
        if (group) group.push(selection);
        else groups.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (condition !== undefined && condition !== typeName) throw new NotCompilable();
        collect(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments.get(name);
        if (!fragment || fragment.typeCondition.name.value !== typeName) throw new NotCompilable();
        collect(fragment.selectionSet);
      }
    }
  };
  for (const set of selectionSets) collect(set);
  return [...groups].map(([key, nodes]) => {
    const name = (nodes[0] as FieldNode).name.value;
    if (name === '__typename')
      return { key, name, parentType: typeName, nodes, type: { nonNull: true } };
    const definition = type.getFields()[name];
    if (!definition) throw new NotCompilable();
    const subSets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    return {
      key,
      name,
      parentType: typeName,
      nodes,
      type: compileType(schema, definition.type, subSets, fragments),
    };
  });
}

function compileType(
  schema: GraphQLSchema,
  type: GraphQLOutputType,
  subSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): TypeShape {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  if (isListType(inner))
    return { nonNull, list: compileType(schema, inner.ofType, subSets, fragments) };
  if (subSets.length === 0) return { nonNull };
  if (!isObjectType(inner)) throw new NotCompilable();
  return {
    nonNull,
    typeName: inner.name,
    fields: compileFields(schema, inner.name, subSets, fragments),
  };
}

/** A shaping run: the errors found so far and the path of the value being shaped. */
interface Run {
  errors: GraphQLError[];
  path: (string | number)[];
}

function shapeRoot(fields: FieldShape[], data: Record<string, unknown>): ExecutionResult {
  const run: Run = { errors: [], path: [] };
  let shaped: Record<string, unknown> | null;
  try {
    shaped = shapeObject(fields, 'Query', data, run);
  } catch (error) {
    run.errors.push(error as GraphQLError);
    shaped = null;
  }
  return run.errors.length > 0 ? { errors: run.errors, data: shaped } : { data: shaped };
}

function shapeObject(
  fields: FieldShape[],
  typeName: string,
  source: Record<string, unknown>,
  run: Run,
): Record<string, unknown> {
  const shaped: Record<string, unknown> = {};
  for (const field of fields) {
    run.path.push(field.key);
    const value = field.name === '__typename' ? typeName : source[field.key];
    shaped[field.key] = shapeField(field, field.type, value, run);
    run.path.pop();
  }
  return shaped;
}

/** As graphql-js: an error at a non-null position goes up; at a nullable one it is kept and the value is null. */
function shapeField(field: FieldShape, type: TypeShape, value: unknown, run: Run): unknown {
  try {
    return shapeValue(field, type, value, run);
  } catch (error) {
    if (type.nonNull) throw error;
    run.errors.push(error as GraphQLError);
    return null;
  }
}

function shapeValue(field: FieldShape, type: TypeShape, value: unknown, run: Run): unknown {
  if (value instanceof Error) throw locatedError(value, field.nodes, [...run.path]);
  if (value === null || value === undefined) {
    if (!type.nonNull) return null;
    throw locatedError(
      new Error(`Cannot return null for non-nullable field ${field.parentType}.${field.name}.`),
      field.nodes,
      [...run.path],
    );
  }
  if (type.list) {
    if (!Array.isArray(value)) {
      throw locatedError(
        new Error(
          `Expected Iterable, but did not find one for field "${field.parentType}.${field.name}".`,
        ),
        field.nodes,
        [...run.path],
      );
    }
    const item = type.list;
    const shaped = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      run.path.push(i);
      try {
        shaped[i] = shapeField(field, item, value[i], run);
      } finally {
        run.path.pop();
      }
    }
    return shaped;
  }
  if (type.fields) {
    const depth = run.path.length;
    try {
      return shapeObject(
        type.fields,
        type.typeName as string,
        value as Record<string, unknown>,
        run,
      );
    } finally {
      run.path.length = depth;
    }
  }
  return value;
}
