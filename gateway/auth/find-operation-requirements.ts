import type {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import type { AccessRequirement } from '../../contracts/access-requirement.ts';
import {
  getNamedType,
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from '../graphql/graphql-js.ts';
import type { FieldRequirements } from './collect-field-requirements.ts';

/** A field an operation selects that requires something of the caller. */
export interface RequiredField {
  /** `Type.field`, e.g. `Mutation.rateTitle`. */
  coordinate: string;
  requirement: AccessRequirement;
}

/**
 * What each operation of a document requires of the caller, by operation name (the
 * anonymous one under ''): every field it selects, through its fragments, whose
 * coordinate or return type carries a requirement. Worked out once per document, when
 * it is prepared; per request only the caller is judged against the list. Operations
 * that require nothing are left out.
 *
 * @example
 * findOperationRequirements(schema, document, requirements).get('Vote');
 * // [{ coordinate: 'Mutation.rateTitle', requirement: { scopes: [['ratings:write']] } }]
 */
export function findOperationRequirements(
  schema: GraphQLSchema,
  document: DocumentNode,
  requirements: FieldRequirements,
): Map<string, RequiredField[]> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const byOperation = new Map<string, RequiredField[]>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const required = walkOperation(schema, definition, fragments, requirements);
    if (required.length > 0) byOperation.set(definition.name?.value ?? '', required);
  }
  return byOperation;
}

function walkOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  requirements: FieldRequirements,
): RequiredField[] {
  const found = new Map<string, RequiredField>();
  const note = (coordinate: string, list: readonly AccessRequirement[] | undefined) => {
    for (const requirement of list ?? []) {
      found.set(`${coordinate} ${JSON.stringify(requirement)}`, { coordinate, requirement });
    }
  };
  const used = [operation, ...fragmentsUsed(operation.selectionSet, fragments)];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field) return;
      const name = node.name.value;
      note(`${parent.name}.${name}`, requirements.fields.get(`${parent.name}.${name}`));
      // A field of an interface or union runs on the concrete types: their rules hold too.
      if (isAbstractType(parent)) {
        for (const type of schema.getPossibleTypes(parent)) {
          note(`${type.name}.${name}`, requirements.fields.get(`${type.name}.${name}`));
        }
      }
      const returned = getNamedType(field.type).name;
      note(`${parent.name}.${name}`, requirements.types.get(returned));
    },
  });
  for (const definition of used) visit(definition, visitor);
  return [...found.values()];
}

/** The fragments a selection set spreads, directly or through other fragments. */
function fragmentsUsed(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const walk = (set: SelectionSetNode) => {
    visit(set, {
      FragmentSpread(node) {
        const name = node.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) return;
        seen.set(name, fragment);
        walk(fragment.selectionSet);
      },
    });
  };
  walk(selectionSet);
  return [...seen.values()];
}
