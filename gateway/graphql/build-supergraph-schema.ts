import type { SubschemaConfig } from '@graphql-tools/delegate';
import { stitchSchemas } from '@graphql-tools/stitch';
import { stitchingDirectives } from '@graphql-tools/stitching-directives';
import { type Executor, MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  buildASTSchema,
  type DefinitionNode,
  GraphQLObjectType,
  GraphQLSchema,
  isNonNullType,
  Kind,
  parse,
} from 'graphql';
import { ACCESS_DIRECTIVES_SDL } from '../../contracts/access-directives.ts';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import { MergeLimitError } from '../errors.ts';
import { sortByModuleName } from './sort-by-module-name.ts';

const { stitchingDirectivesTransformer, allStitchingDirectivesTypeDefs } = stitchingDirectives();
// The access directives too: graphql-tools builds each subgraph's schema from its SDL,
// and a module that guards a field with @authenticated must build here as it does in the kit.
const DIRECTIVE_DEFINITIONS = parse(
  `${allStitchingDirectivesTypeDefs}\n${ACCESS_DIRECTIVES_SDL}`,
).definitions;
const DIRECTIVE_NAMES = new Set(
  DIRECTIVE_DEFINITIONS.map((d) => (d.kind === Kind.DIRECTIVE_DEFINITION ? d.name.value : '')),
);

/**
 * The gateway's executable supergraph: each subgraph's SDL as a subschema whose
 * executor invokes the module, stitched with type merging by the stitching directives
 * (`@key`, `@merge`, `@canonical`), the same way `composeSupergraph` checks it at publish.
 * `batch: true` gathers every delegation to one module within a tick into one
 * request, so a merge level costs one invoke per module.
 *
 * @example
 * const schema = buildSupergraphSchema(generation.subgraphs, (s) => createModuleExecutor(s, invoke));
 */
export function buildSupergraphSchema(
  subgraphs: readonly SubgraphEntry[],
  createExecutor: (subgraph: SubgraphEntry) => Executor,
): GraphQLSchema {
  return buildSupergraph(subgraphs, createExecutor).schema;
}

/** The stitched schema and the subschema configs it was stitched from. */
export interface Supergraph {
  schema: GraphQLSchema;
  /** In module-name order, merge configs of single-owner types dropped. */
  subschemas: SubschemaConfig[];
}

/** `buildSupergraphSchema`, also answering the subschema configs. */
export function buildSupergraph(
  subgraphs: readonly SubgraphEntry[],
  createExecutor: (subgraph: SubgraphEntry) => Executor,
): Supergraph {
  const subschemas = buildSubschemas(subgraphs, createExecutor);
  return { schema: stitchSchemas({ subschemas }), subschemas };
}

/**
 * The subschema configs `buildSupergraph` stitches, without stitching them. The query
 * planner reads none of them: it reads the subgraphs' SDL itself
 * (gateway/query-engine/create-planner-context.ts). The gateway builds and stitches them
 * (the costliest part of a cold start) only for the first operation the planner leaves
 * to graphql-tools, or at once when a generation has no published supergraph SDL.
 */
export function buildSubschemas(
  subgraphs: readonly SubgraphEntry[],
  createExecutor: (subgraph: SubgraphEntry) => Executor,
  maxMergeKeys = Number.POSITIVE_INFINITY,
): SubschemaConfig[] {
  const subschemas = sortByModuleName(subgraphs).map((subgraph) =>
    boundMergeKeys(
      stitchingDirectivesTransformer({
        name: subgraph.module,
        schema: buildSubgraphSchema(subgraph),
        executor: createExecutor(subgraph),
        batch: true,
      }),
      maxMergeKeys,
    ),
  );
  return dropSingleOwnerMerges(subschemas);
}

/**
 * Refuses a batch of more than `maxMergeKeys` keys before it is sent, as the query
 * planner does (a MergeLimitError for the fields it would have filled).
 */
function boundMergeKeys(config: SubschemaConfig, maxMergeKeys: number): SubschemaConfig {
  if (!config.merge || maxMergeKeys === Number.POSITIVE_INFINITY) return config;
  const merge = Object.fromEntries(
    Object.entries(config.merge).map(([typeName, typeConfig]) => {
      const bound = <T extends { argsFromKeys?: (keys: readonly unknown[]) => unknown }>(
        entry: T,
      ): T => {
        const argsFromKeys = entry.argsFromKeys;
        if (!argsFromKeys) return entry;
        const bounded = (keys: readonly unknown[]) => {
          if (keys.length > maxMergeKeys)
            throw new MergeLimitError(`of type ${typeName}`, keys.length, maxMergeKeys);
          return argsFromKeys(keys);
        };
        return { ...entry, argsFromKeys: bounded };
      };
      // The stitching directives give a type its entry points; a plain config has one.
      const entryPoints = typeConfig.entryPoints?.map(bound);
      return [typeName, { ...bound(typeConfig), ...(entryPoints ? { entryPoints } : {}) }];
    }),
  );
  return { ...config, merge };
}

/** The stitched types with no resolvers: validation and plain execution of planned queries. */
export function withoutResolvers(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config) => ({ ...config, resolve: undefined }),
  });
}

/**
 * The stitched schema as clients are served it, as `toClientSchema` serves the published
 * one: no merge fields, every `Query` field nullable. The merged types' resolvers call
 * the modules' merge fields through the subschemas, not through these root fields.
 * Only the Query type is rebuilt: every other type stays the object graphql-tools made
 * (rebuilding all with mapSchema cost delegated requests about 3% more CPU).
 */
export function toClientStitchedSchema(
  schema: GraphQLSchema,
  mergeFields: ReadonlySet<string>,
): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) return schema;
  const config = query.toConfig();
  const fields = Object.fromEntries(
    Object.entries(config.fields)
      .filter(([name]) => !mergeFields.has(name))
      .map(([name, field]) => [
        name,
        isNonNullType(field.type) ? { ...field, type: field.type.ofType } : field,
      ]),
  );
  const clientQuery = new GraphQLObjectType({ ...config, fields });
  const schemaConfig = schema.toConfig();
  try {
    return new GraphQLSchema({
      ...schemaConfig,
      query: clientQuery,
      types: schemaConfig.types.map((type) => (type === query ? clientQuery : type)),
    });
  } catch {
    // Another type refers to Query itself (a `query: Query` field): rebuild every type.
    return mapSchema(schema, {
      [MapperKind.QUERY_ROOT_FIELD]: (field, fieldName) => {
        if (mergeFields.has(fieldName)) return null;
        return isNonNullType(field.type) ? { ...field, type: field.type.ofType } : field;
      },
    });
  }
}

/** Stitches subschema configs from `buildSubschemas`. */
export function stitchSubschemas(subschemas: SubschemaConfig[]): GraphQLSchema {
  return stitchSchemas({ subschemas });
}

/**
 * A type with `@key` in one subgraph only is not merged with anything, but graphql-tools
 * would still plan a second fetch of it through its `@merge` field: an extra invoke per
 * request. Its merge config is dropped so the type resolves from the one subgraph.
 */
function dropSingleOwnerMerges(subschemas: SubschemaConfig[]): SubschemaConfig[] {
  const owners = new Map<string, number>();
  for (const config of subschemas) {
    for (const typeName of Object.keys(config.merge ?? {}))
      owners.set(typeName, (owners.get(typeName) ?? 0) + 1);
  }
  return subschemas.map((config) => {
    if (!config.merge) return config;
    const merge = Object.fromEntries(
      Object.entries(config.merge).filter(([typeName]) => (owners.get(typeName) ?? 0) > 1),
    );
    return { ...config, merge };
  });
}

/** Builds one subgraph's schema, with the stitching and access directives defined whether its SDL has them or not. */
export function buildSubgraphSchema(
  subgraph: Pick<SubgraphEntry, 'module' | 'sdl'>,
): GraphQLSchema {
  const own = parse(subgraph.sdl, { noLocation: true }).definitions.filter(
    (d) => !(d.kind === Kind.DIRECTIVE_DEFINITION && DIRECTIVE_NAMES.has(d.name.value)),
  );
  const definitions: DefinitionNode[] = [...DIRECTIVE_DEFINITIONS, ...own];
  return buildASTSchema({ kind: Kind.DOCUMENT, definitions });
}
