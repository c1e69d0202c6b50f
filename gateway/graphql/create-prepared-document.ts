import type { DocumentNode, OperationTypeNode } from 'graphql';
import type { PlannedQuery } from '../query-engine/index.ts';

/** A valid document as the gateway keeps it, with what it learns of it once. */
export interface PreparedDocument {
  document: DocumentNode;
  /** By operation name; the anonymous operation under ''. */
  operations: Map<string, OperationTypeNode>;
  /** Query plans by operation name (the anonymous one under ''), null where the planner declined. */
  plans: Map<string, PlannedQuery | null>;
}

/**
 * What the document cache keeps for a valid document: the type of each operation (a GET
 * may only query) and, filled in as operations run, their query plans.
 *
 * @example
 * const prepare = createDocumentPreparer({ schema, prepared: createPreparedDocument });
 */
export function createPreparedDocument(document: DocumentNode): PreparedDocument {
  return { document, operations: operationTypes(document), plans: new Map() };
}

function operationTypes(document: DocumentNode): Map<string, OperationTypeNode> {
  const operations = new Map<string, OperationTypeNode>();
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition') {
      operations.set(definition.name?.value ?? '', definition.operation);
    }
  }
  return operations;
}
