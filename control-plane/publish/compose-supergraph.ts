import { stitchSchemas } from '@graphql-tools/stitch';
import { stitchingDirectives } from '@graphql-tools/stitching-directives';
import type { Executor } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import type { SubgraphEntry } from '../registry/index.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';

const { stitchingDirectivesTransformer } = stitchingDirectives();

/**
 * Publish-time compositions (no executors), by their modules and SDLs: a publish composes
 * the same subgraphs to check them and again to release them, and a live edit that keeps
 * its schema composes what the one before did.
 */
const composed = createLruCache<string, GraphQLSchema>(8);

export interface ComposeSupergraphOptions {
  /**
   * How each subgraph is executed: the gateway invokes the module's alias.
   * @default an executor that throws: publish composes to check, never to execute
   */
  executorFor?: (subgraph: SubgraphEntry) => Executor;
  /**
   * Combine the requests a plan level sends one subgraph into one operation, so a
   * merge level costs one invoke per module.
   * @default true
   */
  batch?: boolean;
}

/**
 * Stitches the subgraphs of a generation into one schema, merging types by their
 * `@key`/`@merge` stitching directives. Publish and the gateway both call this, on
 * the same `subgraphs`, so what publish accepted is what the gateway serves.
 * Subgraphs are composed in module-name order: where stitching picks one of two
 * definitions, the pick does not depend on publish order.
 *
 * @example
 * const schema = composeSupergraph(generation.subgraphs, {
 *   executorFor: (subgraph) => createInvokeExecutor(lambda, subgraph),
 * });
 */
export function composeSupergraph(
  subgraphs: readonly SubgraphEntry[],
  options: ComposeSupergraphOptions = {},
): GraphQLSchema {
  const ordered = [...subgraphs].sort((a, b) => a.module.localeCompare(b.module));
  if (options.executorFor || options.batch !== undefined) return stitch(ordered, options);
  const key = JSON.stringify(ordered.map((s) => [s.module, s.sdl]));
  let schema = composed.get(key);
  if (!schema) {
    schema = stitch(ordered, options);
    composed.set(key, schema);
  }
  return schema;
}

function stitch(
  ordered: readonly SubgraphEntry[],
  options: ComposeSupergraphOptions,
): GraphQLSchema {
  const executorFor = options.executorFor ?? publishTimeExecutor;
  return stitchSchemas({
    subschemaConfigTransforms: [stitchingDirectivesTransformer],
    subschemas: ordered.map((subgraph) => ({
      name: subgraph.module,
      schema: buildSubgraphSchema(subgraph.sdl),
      executor: executorFor(subgraph),
      batch: options.batch ?? true,
    })),
  });
}

function publishTimeExecutor(subgraph: SubgraphEntry): Executor {
  return () => {
    throw new Error(
      `Subgraph "${subgraph.module}" was composed without an executor: pass composeSupergraph(subgraphs, { executorFor }) to execute queries.`,
    );
  };
}
