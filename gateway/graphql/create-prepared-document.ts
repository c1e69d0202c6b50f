import type { DocumentNode, OperationTypeNode } from 'graphql';
import type { RequiredField } from '../auth/find-operation-requirements.ts';
import type { PlannedQuery } from '../query-engine/index.ts';
import type { VersionConflict, VersionPinner, VersionPins } from './create-version-pinner.ts';

/** A valid document as the gateway keeps it, with what it learns of it once. */
export interface PreparedDocument {
  document: DocumentNode;
  /** By operation name; the anonymous operation under ''. */
  operations: Map<string, OperationTypeNode>;
  /** Query plans by operation name (the anonymous one under ''), null where the planner declined. */
  plans: Map<string, PlannedQuery | null>;
  /**
   * While a deployment splits a module: the version this document must run on, or why
   * it cannot run (it uses what only one version serves and what only the other does).
   */
  versionPins?: VersionPins | VersionConflict;
  /**
   * What each operation requires of the caller (`@authenticated`, `@requiresScopes`), by
   * operation name; absent when no operation requires anything.
   */
  access?: Map<string, RequiredField[]>;
}

/** Works out a document's access requirements once, when it is prepared. */
export type AccessFinder = (document: DocumentNode) => Map<string, RequiredField[]>;

/**
 * What the document cache keeps for a valid document: the type of each operation (a GET
 * may only query) and, filled in as operations run, their query plans.
 *
 * @example
 * const prepare = createDocumentPreparer({ schema, prepared: createPreparedDocument });
 */
export function createPreparedDocument(
  document: DocumentNode,
  pinVersions?: VersionPinner,
  findAccess?: AccessFinder,
): PreparedDocument {
  const prepared: PreparedDocument = {
    document,
    operations: operationTypes(document),
    plans: new Map(),
  };
  const pins = pinVersions?.(document);
  if (pins) prepared.versionPins = pins;
  const access = findAccess?.(document);
  if (access && access.size > 0) prepared.access = access;
  return prepared;
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
