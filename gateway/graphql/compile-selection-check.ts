import type {
  DirectiveNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';
import { describeValue } from '../invoke/describe-value.ts';
import {
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
} from './graphql-js.ts';

/** Where a value breaks its contract: the path to it within the checked value, and why. */
export interface Violation {
  path: (string | number)[];
  problem: string;
}

/** Checks one value of an answer; undefined when it fits. */
export type ValueCheck = (value: unknown) => Violation | undefined;

const MAX_INT = 2 ** 31 - 1;
const MIN_INT = -(2 ** 31);

/** What each built-in scalar serializes to (graphql-js 16, type/scalars.js): nothing else is its value. */
const BUILT_IN_SCALARS: Record<string, (value: unknown) => boolean> = {
  ID: (value) => typeof value === 'string',
  String: (value) => typeof value === 'string',
  Int: (value) =>
    typeof value === 'number' && Number.isInteger(value) && value <= MAX_INT && value >= MIN_INT,
  Float: (value) => typeof value === 'number' && Number.isFinite(value),
  Boolean: (value) => typeof value === 'boolean',
};

/**
 * Compiles, once, the check of a module's answer to a selection on one of its object,
 * interface or union types (`schema` is the module's own, `buildContractSchema`): every field asked is
 * there (unless `@skip` or `@include` may have left it out), a non-null field is not
 * null, a list is a list, a built-in scalar has its type (`ID` and `String` a string,
 * `Int` a 32-bit integer, `Float` a number, `Boolean` a boolean), an enum one of its
 * values, an object an object checked by its sub-selection, and `__typename` names the
 * type. Custom scalars take any value. An abstract type's value is checked by the
 * object type its `__typename` names. Running it walks the answer once, with no
 * allocation unless something is wrong.
 *
 * @example
 * const check = compileSelectionCheck(schema, 'Title', [parse('{ title year }')...], new Map());
 * check({ title: 'Heat', year: '1995' }); // { path: ['year'], problem: 'a string where Int belongs' }
 */
export function compileSelectionCheck(
  schema: GraphQLSchema,
  typeName: string,
  selectionSets: readonly SelectionSetNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  options: {
    /**
     * The fields of `typeName` itself may be null whatever their type says: the root of
     * an answer with errors, since a graphlet stops null propagation at its root fields.
     */
    nullableFields?: boolean;
  } = {},
): ValueCheck {
  const type = schema.getType(typeName);
  const compilation = { schema, fragments };
  if (isObjectType(type))
    return compileObject(compilation, type, selectionSets, options.nullableFields ?? false);
  if (isAbstractType(type)) return compileAbstract(compilation, typeName, selectionSets);
  return acceptAnything;
}

interface Compilation {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

interface FieldCheck {
  key: string;
  /** Present in every answer: no `@skip` or `@include` on the way to it. */
  required: boolean;
  check: ValueCheck;
}

/** For what a schema cannot judge: a custom scalar, a field the module does not declare. */
export const acceptAnything: ValueCheck = () => undefined;

function compileObject(
  compilation: Compilation,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  nullableFields = false,
): ValueCheck {
  const fields = collectFields(compilation, type, selectionSets).map(
    ([key, { nodes, required }]): FieldCheck => ({
      key,
      required,
      check: compileField(compilation, type, nodes, nullableFields),
    }),
  );
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return violation(`${describeValue(value)} where ${type.name} belongs`);
    const object = value as Record<string, unknown>;
    for (const field of fields) {
      const fieldValue = object[field.key];
      if (fieldValue === undefined) {
        if (field.required) return violation('missing', field.key);
        continue;
      }
      const found = field.check(fieldValue);
      if (found) {
        found.path.unshift(field.key);
        return found;
      }
    }
    return undefined;
  };
}

function compileField(
  compilation: Compilation,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
  nullable: boolean,
): ValueCheck {
  const name = (nodes[0] as FieldNode).name.value;
  if (name === '__typename') {
    return (value) =>
      value === type.name
        ? undefined
        : violation(`${describeValue(value)} where the type name "${type.name}" belongs`);
  }
  const definition: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
  // A field the module does not declare cannot be judged by its schema.
  if (!definition) return acceptAnything;
  const subSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  const fieldType =
    nullable && isNonNullType(definition.type) ? definition.type.ofType : definition.type;
  return compileType(compilation, fieldType, subSets);
}

function compileType(
  compilation: Compilation,
  type: GraphQLOutputType,
  subSets: readonly SelectionSetNode[],
): ValueCheck {
  if (isNonNullType(type)) {
    const inner = compileNullable(compilation, type.ofType, subSets);
    const problem = `null where ${String(type)} belongs`;
    return (value) => (value === null ? violation(problem) : inner(value));
  }
  const inner = compileNullable(compilation, type, subSets);
  return (value) => (value === null ? undefined : inner(value));
}

/** The check of a value known not to be null. */
function compileNullable(
  compilation: Compilation,
  type: GraphQLOutputType,
  subSets: readonly SelectionSetNode[],
): ValueCheck {
  if (isListType(type)) {
    const item = compileType(compilation, type.ofType, subSets);
    const problem = `where ${String(type)} belongs`;
    return (value) => {
      if (!Array.isArray(value)) return violation(`${describeValue(value)} ${problem}`);
      for (let i = 0; i < value.length; i++) {
        const found = item(value[i]);
        if (found) {
          found.path.unshift(i);
          return found;
        }
      }
      return undefined;
    };
  }
  if (isObjectType(type)) return compileObject(compilation, type, subSets);
  if (isAbstractType(type)) return compileAbstract(compilation, type.name, subSets);
  if (isEnumType(type)) {
    const values = new Set(type.getValues().map((v) => v.name));
    return (value) =>
      typeof value === 'string' && values.has(value)
        ? undefined
        : violation(`${describeValue(value)} that is no value of the enum ${type.name}`);
  }
  const scalar = BUILT_IN_SCALARS[type.name];
  if (!scalar) return acceptAnything;
  return (value) =>
    scalar(value) ? undefined : violation(`${describeValue(value)} where ${type.name} belongs`);
}

/** An interface or union: checked as the object type its `__typename` names. */
function compileAbstract(
  compilation: Compilation,
  typeName: string,
  subSets: readonly SelectionSetNode[],
): ValueCheck {
  const { schema } = compilation;
  const abstract = schema.getType(typeName);
  if (!isAbstractType(abstract)) return acceptAnything;
  const byTypeName = new Map(
    schema
      .getPossibleTypes(abstract)
      .map((type) => [type.name, compileObject(compilation, type, subSets)]),
  );
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return violation(`${describeValue(value)} where ${typeName} belongs`);
    const typename = (value as Record<string, unknown>).__typename;
    // Without a type name (none was asked), only the object itself can be judged.
    if (typename === undefined) return undefined;
    const check = typeof typename === 'string' ? byTypeName.get(typename) : undefined;
    if (!check) return violation(`no type of ${typeName}`, '__typename');
    return check(value);
  };
}

/** The fields a selection asks of an object type, by response key, as execution collects them. */
function collectFields(
  compilation: Compilation,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
): [string, { nodes: FieldNode[]; required: boolean }][] {
  const groups = new Map<string, { nodes: FieldNode[]; required: boolean }>();
  const applies = (condition: string | undefined) => {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = compilation.schema.getType(condition);
    return isAbstractType(conditionType) && compilation.schema.isSubType(conditionType, type);
  };
  const collect = (set: SelectionSetNode, conditional: boolean) => {
    for (const selection of set.selections) {
      const maybe = conditional || isConditional(selection.directives);
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const group = groups.get(key);
        if (group) {
          group.nodes.push(selection);
          group.required ||= !maybe;
        } else groups.set(key, { nodes: [selection], required: !maybe });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) collect(selection.selectionSet, maybe);
      } else {
        const fragment = compilation.fragments.get(selection.name.value);
        if (fragment && applies(fragment.typeCondition.name.value))
          collect(fragment.selectionSet, maybe);
      }
    }
  };
  for (const set of selectionSets) collect(set, false);
  return [...groups];
}

function isConditional(directives: readonly DirectiveNode[] | undefined): boolean {
  return directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include') === true;
}

function violation(problem: string, key?: string): Violation {
  return { path: key === undefined ? [] : [key], problem };
}

/** A violation as one line: `name.knownFor.0.year: a string where Int belongs`. */
export function formatViolation(found: Violation): string {
  return found.path.length > 0 ? `${found.path.join('.')}: ${found.problem}` : found.problem;
}
