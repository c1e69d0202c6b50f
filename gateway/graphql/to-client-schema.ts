import type { DocumentNode, FieldDefinitionNode, GraphQLSchema } from 'graphql';
import { buildASTSchema, Kind, parse } from './graphql-js.ts';

/**
 * The published supergraph as clients are served it: without the merge fields
 * (`readMergeFields`: a query naming `_titles` is an unknown field), and with every
 * `Query` field nullable, so that an error in one root field nulls that field only,
 * never the whole answer (`{ people(after: "x") { ... } title(id: ...) { ... } }` keeps
 * the title when the cursor is refused). The modules' own schemas are unchanged: the
 * gateway's plans and stitching still call the merge fields.
 *
 * @example
 * const schema = toClientSchema(generation.supergraphSdl, readMergeFields(generation.subgraphs));
 */
export function toClientSchema(
  supergraphSdl: string,
  mergeFields: ReadonlySet<string>,
): GraphQLSchema {
  const document = parse(supergraphSdl, { noLocation: true });
  return buildASTSchema(toClientDocument(document, mergeFields), { assumeValidSDL: true });
}

function toClientDocument(document: DocumentNode, mergeFields: ReadonlySet<string>): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query'
        ? { ...definition, fields: clientRootFields(definition.fields ?? [], mergeFields) }
        : definition,
    ),
  };
}

function clientRootFields(
  fields: readonly FieldDefinitionNode[],
  mergeFields: ReadonlySet<string>,
): FieldDefinitionNode[] {
  return fields
    .filter((field) => !mergeFields.has(field.name.value))
    .map((field) =>
      field.type.kind === Kind.NON_NULL_TYPE ? { ...field, type: field.type.type } : field,
    );
}
