import { getDirective } from '@graphql-tools/utils';
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
} from 'graphql';
import {
  type AccessRequirement,
  describeRequirement,
  sameRequirement,
} from '../../contracts/access-requirement.ts';
import type { PublishProblem } from './errors.ts';
import type { ModuleSchema } from './find-schema-conflicts.ts';

type Guarded = GraphQLNamedType | GraphQLField<unknown, unknown>;

/**
 * What is wrong with a module's `@authenticated` / `@requiresScopes`: a scope list
 * that names nothing (it would refuse everyone), and, against each other module, a
 * shared type or field (a merged type, its key field) that the two guard differently.
 * The gateway enforces every module's rule, so a disagreement would make one module's
 * rule silently hold for the other's fields; publish makes the owners agree instead.
 *
 * @example
 * const problems = findAccessConflicts({ module: 'ratings', schema }, others);
 */
export function findAccessConflicts(
  mine: ModuleSchema,
  others: readonly ModuleSchema[],
): PublishProblem[] {
  return [...emptyScopeSets(mine), ...others.flatMap((other) => sharedTypeConflicts(mine, other))];
}

function emptyScopeSets(mine: ModuleSchema): PublishProblem[] {
  return guardedNodes(mine.schema).flatMap(({ coordinate, node }) => {
    const requirement = requirementOf(mine.schema, node);
    if (!requirement || !('scopes' in requirement)) return [];
    const empty = requirement.scopes.length === 0 || requirement.scopes.some((s) => s.length === 0);
    if (!empty) return [];
    return [
      {
        code: 'INVALID_ACCESS' as const,
        coordinate,
        message: `${coordinate} has @requiresScopes with an empty scope set, which no caller can meet.`,
        fix: 'Name at least one scope in every set, e.g. @requiresScopes(scopes: [["ratings:write"]]), or use @authenticated.',
      },
    ];
  });
}

function sharedTypeConflicts(mine: ModuleSchema, other: ModuleSchema): PublishProblem[] {
  const theirs = new Map(guardedNodes(other.schema).map((g) => [g.coordinate, g.node]));
  return guardedNodes(mine.schema).flatMap(({ coordinate, node }) => {
    const their = theirs.get(coordinate);
    if (!their) return [];
    const ours = requirementOf(mine.schema, node);
    const others = requirementOf(other.schema, their);
    if (sameRequirement(ours, others)) return [];
    return [
      {
        code: 'ACCESS_CONFLICT' as const,
        coordinate,
        otherModule: other.module,
        message: `${coordinate} requires ${say(ours)} here and ${say(others)} in module "${other.module}".`,
        fix: `Guard ${coordinate} the same way in both modules (the same @authenticated or @requiresScopes), agreeing with the team of "${other.module}".`,
      },
    ];
  });
}

function say(requirement: AccessRequirement | undefined): string {
  return requirement ? describeRequirement(requirement) : 'nothing';
}

/** Every type (by name) and field (by coordinate) a directive may guard, root types aside. */
function guardedNodes(schema: GraphQLSchema): { coordinate: string; node: Guarded }[] {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()].filter(Boolean));
  return Object.values(schema.getTypeMap())
    .filter((type) => !isIntrospectionType(type) && !type.name.startsWith('__'))
    .flatMap((type) => {
      const own = roots.has(type as never)
        ? []
        : [{ coordinate: type.name, node: type as Guarded }];
      if (!isObjectType(type) && !isInterfaceType(type)) return own;
      const fields = Object.values(type.getFields()).map((field) => ({
        coordinate: `${type.name}.${field.name}`,
        node: field as Guarded,
      }));
      return [...own, ...fields];
    });
}

function requirementOf(schema: GraphQLSchema, node: Guarded): AccessRequirement | undefined {
  const scoped = getDirective(schema, node, 'requiresScopes')?.[0];
  if (scoped) return { scopes: (scoped.scopes as string[][] | undefined) ?? [] };
  return getDirective(schema, node, 'authenticated')?.[0] ? { authenticated: true } : undefined;
}
