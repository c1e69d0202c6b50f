import { getDirective } from '@graphql-tools/utils';
import {
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import type { PublishProblem } from './errors.ts';

/** A module's schema, to compare against. */
export interface ModuleSchema {
  module: string;
  schema: GraphQLSchema;
}

const OPERATIONS = ['query', 'mutation', 'subscription'] as const;

/**
 * The ways a module's schema clashes with the other modules': a root field two
 * modules serve, a type two modules define without merging it by key, a merged
 * type's field with two different types, or an enum, input, union or interface
 * defined two different ways.
 *
 * @example
 * const problems = findSchemaConflicts({ module: 'ratings', schema }, others);
 */
export function findSchemaConflicts(
  mine: ModuleSchema,
  others: readonly ModuleSchema[],
): PublishProblem[] {
  return others.flatMap((other) => [
    ...rootFieldConflicts(mine, other),
    ...typeConflicts(mine, other),
  ]);
}

function rootFieldConflicts(mine: ModuleSchema, other: ModuleSchema): PublishProblem[] {
  return OPERATIONS.flatMap((operation) => {
    const ours = rootType(mine.schema, operation);
    const theirs = rootType(other.schema, operation);
    if (!ours || !theirs) return [];
    const theirFields = theirs.getFields();
    return Object.values(ours.getFields())
      .filter((field) => {
        const their = theirFields[field.name];
        return their && !areSharedMergeFields(mine.schema, field, other.schema, their);
      })
      .map((field) => rootFieldProblem(ours.name, field.name, mine.module, other.module));
  });
}

function rootType(
  schema: GraphQLSchema,
  operation: (typeof OPERATIONS)[number],
): GraphQLObjectType | null | undefined {
  if (operation === 'query') return schema.getQueryType();
  return operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
}

/** Two `@merge` entry points of the same type are how merged types are meant to look. */
function areSharedMergeFields(
  ourSchema: GraphQLSchema,
  ours: GraphQLField<unknown, unknown>,
  theirSchema: GraphQLSchema,
  theirs: GraphQLField<unknown, unknown>,
): boolean {
  return (
    hasDirective(ourSchema, ours, 'merge') &&
    hasDirective(theirSchema, theirs, 'merge') &&
    String(ours.type) === String(theirs.type)
  );
}

function rootFieldProblem(
  root: string,
  field: string,
  module: string,
  other: string,
): PublishProblem {
  return {
    code: 'ROOT_FIELD_CONFLICT',
    coordinate: `${root}.${field}`,
    otherModule: other,
    message: `Module "${other}" already serves ${root}.${field}; one root field has one owner.`,
    fix: `Rename the field in "${module}" (e.g. ${module.replace(/-./g, (m) => m[1]?.toUpperCase() ?? '')}${field[0]?.toUpperCase()}${field.slice(1)}), or, to add fields to what "${other}" serves, share its type as a merged type (@key plus a @merge root field) instead.`,
  };
}

function typeConflicts(mine: ModuleSchema, other: ModuleSchema): PublishProblem[] {
  const theirTypes = other.schema.getTypeMap();
  return Object.values(mine.schema.getTypeMap())
    .filter((type) => isComparable(mine.schema, type))
    .flatMap((type) => {
      const theirs = theirTypes[type.name];
      return theirs ? compareTypes(mine, type, other, theirs) : [];
    });
}

function isComparable(schema: GraphQLSchema, type: GraphQLNamedType): boolean {
  if (isIntrospectionType(type) || isSpecifiedScalarType(type)) return false;
  return !OPERATIONS.some((operation) => rootType(schema, operation) === type);
}

function compareTypes(
  mine: ModuleSchema,
  ours: GraphQLNamedType,
  other: ModuleSchema,
  theirs: GraphQLNamedType,
): PublishProblem[] {
  if (kindOf(ours) !== kindOf(theirs)) {
    return [
      typeProblem(
        ours.name,
        other.module,
        `${ours.name} is ${kindOf(ours)} here and ${kindOf(theirs)} in module "${other.module}".`,
        `Rename ${ours.name} in "${mine.module}", or define it as ${kindOf(theirs)} like "${other.module}" does.`,
      ),
    ];
  }
  if (isObjectType(ours) && isObjectType(theirs)) {
    return compareObjectTypes(mine, ours, other, theirs);
  }
  if (isInterfaceType(ours) && isInterfaceType(theirs))
    return compareFieldTypes(mine, ours, other, theirs);
  if (shapeOf(ours) === shapeOf(theirs)) return [];
  return [
    typeProblem(
      ours.name,
      other.module,
      `${ours.name} is defined differently here (${shapeOf(ours)}) and in module "${other.module}" (${shapeOf(theirs)}).`,
      `Define ${ours.name} exactly as "${other.module}" does, or rename it in "${mine.module}".`,
    ),
  ];
}

function compareObjectTypes(
  mine: ModuleSchema,
  ours: GraphQLObjectType,
  other: ModuleSchema,
  theirs: GraphQLObjectType,
): PublishProblem[] {
  const oursMerged = isMergedType(mine.schema, ours);
  const theirsMerged = isMergedType(other.schema, theirs);
  if (oursMerged && theirsMerged) return compareFieldTypes(mine, ours, other, theirs);
  const unmerged = [!oursMerged && mine.module, !theirsMerged && other.module].filter(Boolean);
  return [
    typeProblem(
      ours.name,
      other.module,
      `Type ${ours.name} is also defined by module "${other.module}", and it is not a merged type in ${unmerged.map((m) => `"${m}"`).join(' and ')}.`,
      `To share ${ours.name}, make it a merged type in both modules: add @key(selectionSet: "{ id }") to it and a batched root field such as _${lowerFirst(ours.name)}s(ids: [ID!]!): [${ours.name}]! @merge(keyField: "id"). Otherwise rename it in "${mine.module}".`,
    ),
  ];
}

/** Merged by key: it has `@key`, or a `@merge` root field returns it. */
function isMergedType(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  if (hasDirective(schema, type, 'key')) return true;
  const query = schema.getQueryType();
  return Object.values(query?.getFields() ?? {}).some(
    (field) => hasDirective(schema, field, 'merge') && getNamedType(field.type) === type,
  );
}

function compareFieldTypes(
  mine: ModuleSchema,
  ours: GraphQLObjectType | GraphQLInterfaceType,
  other: ModuleSchema,
  theirs: GraphQLObjectType | GraphQLInterfaceType,
): PublishProblem[] {
  const theirFields = theirs.getFields();
  return Object.values(ours.getFields()).flatMap((field) => {
    const their = theirFields[field.name];
    if (!their || String(their.type) === String(field.type)) return [];
    const coordinate = `${ours.name}.${field.name}`;
    return [
      {
        code: 'FIELD_TYPE_CONFLICT' as const,
        coordinate,
        otherModule: other.module,
        message: `${coordinate} is ${String(field.type)} here and ${String(their.type)} in module "${other.module}".`,
        fix: `Declare ${coordinate} as ${String(their.type)} in "${mine.module}", as "${other.module}" does, or give your field another name.`,
      },
    ];
  });
}

function typeProblem(type: string, other: string, message: string, fix: string): PublishProblem {
  return { code: 'TYPE_CONFLICT', coordinate: type, otherModule: other, message, fix };
}

function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'an object type';
  if (isInterfaceType(type)) return 'an interface';
  if (isUnionType(type)) return 'a union';
  if (isEnumType(type)) return 'an enum';
  if (isInputObjectType(type)) return 'an input type';
  return 'a scalar';
}

/** What must agree for two modules to share an enum, input type, union or scalar. */
function shapeOf(type: GraphQLNamedType): string {
  if (isEnumType(type))
    return type
      .getValues()
      .map((v) => v.name)
      .sort()
      .join(' | ');
  if (isUnionType(type))
    return type
      .getTypes()
      .map((t) => t.name)
      .sort()
      .join(' | ');
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).map((f) => `${f.name}: ${String(f.type)}`);
    return `{ ${fields.sort().join(', ')} }`;
  }
  return 'scalar';
}

function hasDirective(
  schema: GraphQLSchema,
  node: Parameters<typeof getDirective>[1],
  name: string,
): boolean {
  return (getDirective(schema, node, name)?.length ?? 0) > 0;
}

function lowerFirst(text: string): string {
  return `${text[0]?.toLowerCase() ?? ''}${text.slice(1)}`;
}
