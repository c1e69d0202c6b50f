import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema } from 'graphql';
import { buildContractSchema } from './build-contract-schema.ts';
import { compileOperationCheck, type OperationCheck } from './compile-operation-check.ts';
import { getOperationAST, Kind } from './graphql-js.ts';

const NO_CHECK: OperationCheck = () => undefined;

/**
 * The answer checks of the queries graphql-tools delegates to one module, each compiled
 * on its first use (`compileOperationCheck`) and kept by its printed text: graphql-tools
 * builds a new document for every batch, but the same few texts come back. The
 * module's schema is built with the first. Unchecked, graphql-js would take some wrong
 * values silently (a number where a String belongs becomes a string) and blame no
 * module for the rest: checked at the invoke, the answer counts against the module in
 * health and reaches the client as the module's error.
 *
 * @example
 * const checkOf = createDocumentChecks(subgraph.sdl);
 * const violation = checkOf(query, request.document, request.operationName)(data, false, variables);
 */
export function createDocumentChecks(
  sdl: string,
  maxEntries = 1000,
): (query: string, document: DocumentNode, operationName: string | undefined) => OperationCheck {
  let schema: GraphQLSchema | undefined;
  const checks = new Map<string, OperationCheck>();
  return (query, document, operationName) => {
    const key = operationName === undefined ? query : `${operationName}\n${query}`;
    let check = checks.get(key);
    if (check === undefined) {
      schema ??= buildContractSchema(sdl);
      check = compileDocumentCheck(schema, document, operationName);
      // A key space this big is not the few shapes this is for: start afresh.
      if (checks.size >= maxEntries) checks.clear();
      checks.set(key, check);
    }
    return check;
  };
}

function compileDocumentCheck(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): OperationCheck {
  const operation = getOperationAST(document, operationName);
  const root =
    operation?.operation === 'query'
      ? schema.getQueryType()
      : operation?.operation === 'mutation'
        ? schema.getMutationType()
        : undefined;
  if (!operation || !root) return NO_CHECK;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  return compileOperationCheck(schema, root.name, [operation.selectionSet], fragments);
}
