import type { GraphQLSchema, TypeNode, VariableDefinitionNode } from 'graphql';
import { Kind } from '../graphql/graphql-js.ts';

/** True when the variables are certainly valid; false means "ask graphql-js". */
export type VariablesCheck = (variables: Record<string, unknown>) => boolean;

type ValueCheck = (value: unknown) => boolean;

const MAX_INT = 2 ** 31 - 1;
const MIN_INT = -(2 ** 31);

/** What each built-in scalar's `parseValue` accepts (graphql-js 16, type/scalars.js). */
const BUILT_IN_SCALARS: Record<string, ValueCheck> = {
  ID: (value) => typeof value === 'string' || Number.isInteger(value),
  String: (value) => typeof value === 'string',
  Int: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value <= MAX_INT && value >= MIN_INT,
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  Boolean: (value) => typeof value === 'boolean',
};

/**
 * A fast yes for an operation's variables when every definition is a built-in scalar, or
 * a list or non-null of one: the commonest case (`$id: ID!`, `$after: String`). It says
 * yes only where graphql-js's `getVariableValues` would find no error, and no when it is
 * not sure, so the caller then asks graphql-js, which words the errors. It saves
 * graphql-js's coercion, which copies every variable, on every planned request
 * (gateway/PERFORMANCE.md, step 10). Undefined when a definition uses any other type
 * (enums, input objects, custom scalars): those always go to graphql-js.
 *
 * @example
 * const check = compileVariablesCheck(schema, operation.variableDefinitions ?? []);
 * if (!check?.(variables)) errors = getVariableValues(schema, definitions, variables).errors;
 */
export function compileVariablesCheck(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
): VariablesCheck | undefined {
  const checks: { name: string; required: boolean; check: ValueCheck }[] = [];
  for (const definition of definitions) {
    const check = compileTypeCheck(schema, definition.type);
    if (!check) return undefined;
    checks.push({
      name: definition.variable.name.value,
      // A missing variable is fine when nullable or defaulted (the default is the module's).
      required: definition.type.kind === Kind.NON_NULL_TYPE && !definition.defaultValue,
      check,
    });
  }
  return (variables) => {
    for (const { name, required, check } of checks) {
      if (!Object.hasOwn(variables, name)) {
        if (required) return false;
      } else if (!check(variables[name])) return false;
    }
    return true;
  };
}

function compileTypeCheck(schema: GraphQLSchema, type: TypeNode): ValueCheck | undefined {
  if (type.kind === Kind.NON_NULL_TYPE) {
    const inner = compileTypeCheck(schema, type.type);
    return inner && ((value) => value != null && inner(value));
  }
  const nullable =
    type.kind === Kind.LIST_TYPE
      ? compileListCheck(schema, type.type)
      : named(schema, type.name.value);
  return nullable && ((value) => value == null || nullable(value));
}

/** A list takes an array of items, or one item alone (input coercion, GraphQL spec 3.11). */
function compileListCheck(schema: GraphQLSchema, itemType: TypeNode): ValueCheck | undefined {
  const item = compileTypeCheck(schema, itemType);
  if (!item) return undefined;
  return (value) => {
    if (!Array.isArray(value)) return typeof value !== 'object' && item(value);
    for (const each of value) if (!item(each)) return false;
    return true;
  };
}

function named(schema: GraphQLSchema, name: string): ValueCheck | undefined {
  const check = BUILT_IN_SCALARS[name];
  // The schema's type of that name must be the built-in one (it always is in graphql 16).
  return check && schema.getType(name)?.astNode === undefined ? check : undefined;
}
