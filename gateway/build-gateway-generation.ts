import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { SubgraphEntry, SupergraphGeneration } from '../contracts/registry.ts';
import { createDocumentPreparer } from '../lib/create-document-preparer.ts';
import { collectFieldRequirements } from './auth/collect-field-requirements.ts';
import { compileAccessRules } from './auth/compile-access-rules.ts';
import { findOperationRequirements } from './auth/find-operation-requirements.ts';
import { type CellRouter, compileCellRouter } from './cells/compile-cell-router.ts';
import { GenerationLoadError } from './errors.ts';
import {
  createGraphletCall,
  createModuleExecutor,
  type ModuleExecutorOptions,
} from './graphql/create-module-executor.ts';
import { createPreparedDocument } from './graphql/create-prepared-document.ts';
import { createVersionPinner } from './graphql/create-version-pinner.ts';
import type { GraphQLEndpoint } from './graphql/handle-graphql-request.ts';
import {
  type DocumentLimits,
  gatewayTokenLimit,
  gatewayValidationRules,
} from './graphql/limit-rules.ts';
import { readMergeFields } from './graphql/read-merge-fields.ts';
import { toClientSchema } from './graphql/to-client-schema.ts';
import type { Invoker } from './invoke/types.ts';
import { createSupergraphExecutor } from './query-engine/index.ts';
import type { ServedRoute } from './rest/handle-rest-request.ts';
import { sortRoutes } from './rest/match-route.ts';
import type { Logger } from './types.ts';

/** What one generation serves: the executable supergraph and the routing table. */
export interface GatewayGeneration {
  generation: number;
  /** Undefined when no module serves GraphQL yet. */
  graphql: GraphQLEndpoint | undefined;
  /** Longest prefix first. */
  routes: ServedRoute[];
}

export interface BuildGenerationOptions {
  invoke: Invoker;
  logger: Logger;
  dev: boolean;
  introspection: boolean;
  /** The document limits, and the most keys one merge step sends a module. */
  limits: DocumentLimits & { maxMergeKeys: number };
  documentCacheSize: number;
  /** Plan queries in the gateway instead of graphql-tools' delegation. @default true */
  queryPlanner?: boolean;
}

/**
 * Builds what serves a registry generation: the stitched schema with one Lambda
 * executor per module, a fresh document cache (validation depends on the schema), and
 * the sorted routing table. Throws a GenerationLoadError when the SDL does not build.
 *
 * @example
 * const served = buildGatewayGeneration(generation, { invoke, logger, dev: false, ... });
 */
export async function buildGatewayGeneration(
  generation: SupergraphGeneration,
  options: BuildGenerationOptions,
): Promise<GatewayGeneration> {
  try {
    const cellRouters = compileCellRouters(generation);
    return {
      generation: generation.generation,
      graphql: await buildEndpoint(generation, cellRouters, options),
      routes: sortRoutes(
        generation.routes.map((route): ServedRoute => {
          const stableVersion = splitStableVersion(generation, route.module);
          const served: ServedRoute = stableVersion ? { ...route, stableVersion } : { ...route };
          if (route.access?.length) served.accessRules = compileAccessRules(route.access);
          const cells = cellRouters.get(route.module);
          if (cells) served.cells = cells;
          return served;
        }),
      ),
    };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new GenerationLoadError(`Generation ${generation.generation} does not build: ${reason}`, {
      generation: generation.generation,
      cause,
    });
  }
}

/** One router per cellular module, shared by its REST routes and its GraphQL fields. */
function compileCellRouters(generation: SupergraphGeneration): Map<string, CellRouter> {
  return new Map(
    Object.entries(generation.cells ?? {}).map(([module, map]) => [
      module,
      compileCellRouter(module, map, generation.releases),
    ]),
  );
}

async function buildEndpoint(
  generation: SupergraphGeneration,
  cellRouters: ReadonlyMap<string, CellRouter>,
  options: BuildGenerationOptions,
): Promise<GraphQLEndpoint | undefined> {
  if (generation.subgraphs.length === 0) return undefined;
  const executorOptionsOf = (subgraph: SubgraphEntry): ModuleExecutorOptions => {
    const cells = cellRouters.get(subgraph.module);
    return {
      invoke: options.invoke,
      logger: options.logger,
      exposeModuleErrors: options.dev,
      stableVersion: splitStableVersion(generation, subgraph.module),
      ...(cells ? { cells } : {}),
    };
  };
  // graphql-tools loads only when something is stitched: a cold start with a published
  // supergraph evaluates none of it.
  const mergeFields = readMergeFields(generation.subgraphs);
  const stitch = async () => {
    const { buildSubschemas, stitchSubschemas, toClientStitchedSchema } = await import(
      './graphql/build-supergraph-schema.ts'
    );
    const stitched = stitchSubschemas(
      buildSubschemas(
        generation.subgraphs,
        (subgraph) => createModuleExecutor(subgraph, executorOptionsOf(subgraph)),
        options.limits.maxMergeKeys,
      ),
    );
    return toClientStitchedSchema(stitched, mergeFields);
  };
  // Publish printed the supergraph it composed: its types validate and shape planned
  // queries, so a cold start stitches nothing until an operation needs graphql-tools.
  let stitched = generation.supergraphSdl ? undefined : stitch();
  const stitchedSchema = () => {
    stitched ??= stitch();
    return stitched;
  };
  const plain = generation.supergraphSdl
    ? toClientSchema(generation.supergraphSdl, mergeFields)
    : await withoutResolvers(await stitchedSchema());
  const calls = new Map(
    generation.subgraphs.map((s) => [s.module, createGraphletCall(s, executorOptionsOf(s))]),
  );
  const pinVersions = createVersionPinner(plain, generation.releases);
  const requirements = collectFieldRequirements(generation.subgraphs);
  const findAccess =
    requirements &&
    ((document: DocumentNode) => findOperationRequirements(plain, document, requirements));
  const prepare = createDocumentPreparer({
    schema: plain,
    prepared: (document) => createPreparedDocument(document, pinVersions, findAccess),
    rules: gatewayValidationRules(options.limits, options.introspection),
    tokenLimit: gatewayTokenLimit(options.limits.maxTokens),
    cacheSize: options.documentCacheSize,
  });
  const execute = createSupergraphExecutor({
    subgraphs: generation.subgraphs,
    stitched: stitchedSchema,
    plain,
    queryPlanner: options.queryPlanner,
    maxMergeKeys: options.limits.maxMergeKeys,
    cellRouters,
    call: (module, request) => {
      const call = calls.get(module);
      if (!call) throw new Error(`No subgraph "${module}" in generation ${generation.generation}`);
      return call(request);
    },
  });
  return { prepare, execute };
}

/** The stable version of a module whose alias a deployment splits; undefined otherwise. */
export function splitStableVersion(
  generation: SupergraphGeneration,
  module: string,
): string | undefined {
  const release = generation.releases?.[module];
  return release?.candidate ? release.stable : undefined;
}

async function withoutResolvers(schema: GraphQLSchema): Promise<GraphQLSchema> {
  return (await import('./graphql/build-supergraph-schema.ts')).withoutResolvers(schema);
}
