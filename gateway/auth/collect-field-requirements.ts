import type { DefinitionNode, DirectiveNode, ValueNode } from 'graphql';
import type { AccessRequirement } from '../../contracts/access-requirement.ts';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import { Kind, parse } from '../graphql/graphql-js.ts';

/**
 * What the modules' SDL requires of callers: `@authenticated` and
 * `@requiresScopes(scopes: [[...]])` (the federation directives' shapes, defined by the
 * kit) on fields, by coordinate, and on types, by name. A type's requirement holds for
 * every field that returns it. Where two modules state one for the same coordinate (a
 * shared type, a key field), both hold: publish refuses such a disagreement, and a
 * generation that has one anyway fails closed.
 */
export interface FieldRequirements {
  fields: ReadonlyMap<string, readonly AccessRequirement[]>;
  types: ReadonlyMap<string, readonly AccessRequirement[]>;
}

const KINDS_WITH_FIELDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_EXTENSION,
]);

/**
 * Reads the requirements of a generation's subgraphs, once per generation; undefined
 * when no module states any (then the gateway checks nothing per request).
 *
 * @example
 * const requirements = collectFieldRequirements(generation.subgraphs);
 * requirements?.fields.get('Mutation.rateTitle'); // [{ scopes: [['ratings:write']] }]
 */
export function collectFieldRequirements(
  subgraphs: readonly SubgraphEntry[],
): FieldRequirements | undefined {
  const stating = subgraphs.filter(
    (s) => s.sdl.includes('@authenticated') || s.sdl.includes('@requiresScopes'),
  );
  if (stating.length === 0) return undefined;
  const fields = new Map<string, AccessRequirement[]>();
  const types = new Map<string, AccessRequirement[]>();
  for (const subgraph of stating) {
    for (const definition of parse(subgraph.sdl, { noLocation: true }).definitions) {
      collect(definition, fields, types);
    }
  }
  return { fields, types };
}

function collect(
  definition: DefinitionNode,
  fields: Map<string, AccessRequirement[]>,
  types: Map<string, AccessRequirement[]>,
): void {
  if (!('name' in definition) || !definition.name || !('directives' in definition)) return;
  const typeName = definition.name.value;
  add(types, typeName, requirementOf(definition.directives));
  if (!KINDS_WITH_FIELDS.has(definition.kind) || !('fields' in definition)) return;
  for (const field of definition.fields ?? []) {
    if (field.kind !== Kind.FIELD_DEFINITION) continue;
    add(fields, `${typeName}.${field.name.value}`, requirementOf(field.directives));
  }
}

function add(
  into: Map<string, AccessRequirement[]>,
  key: string,
  requirement: AccessRequirement | undefined,
): void {
  if (!requirement) return;
  const list = into.get(key);
  if (list) list.push(requirement);
  else into.set(key, [requirement]);
}

/**
 * The requirement a node's directives state: `@requiresScopes` (which implies a
 * verified caller) over `@authenticated`; undefined when neither is there.
 */
export function requirementOf(
  directives: readonly DirectiveNode[] | undefined,
): AccessRequirement | undefined {
  let requirement: AccessRequirement | undefined;
  for (const directive of directives ?? []) {
    if (directive.name.value === 'requiresScopes') {
      const argument = directive.arguments?.find((a) => a.name.value === 'scopes');
      return { scopes: argument ? scopeSets(argument.value) : [] };
    }
    if (directive.name.value === 'authenticated') requirement = { authenticated: true };
  }
  return requirement;
}

/** `[["a", "b"], ["c"]]` as lists of strings; GraphQL's input coercion allows `"a"` for `["a"]`. */
function scopeSets(value: ValueNode): string[][] {
  const outer = value.kind === Kind.LIST ? value.values : [value];
  return outer.map((inner) =>
    (inner.kind === Kind.LIST ? inner.values : [inner]).flatMap((scope) =>
      scope.kind === Kind.STRING ? [scope.value] : [],
    ),
  );
}
