import type { DocumentNode, GraphQLSchema, OperationTypeNode, ValidationRule } from 'graphql';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import type { PlannedQuery } from '../query-engine/index.ts';
import { GraphQLError, parse, specifiedRules, validate } from './graphql-js.ts';
import { aliasLimitRule, depthLimitRule, noIntrospectionRule } from './limit-rules.ts';

export interface DocumentLimits {
  /** @default 12 */
  maxDepth: number;
  /** @default 30 */
  maxAliases: number;
  /** @default 2000 */
  maxTokens: number;
}

export interface DocumentPreparerOptions {
  schema: GraphQLSchema;
  limits: DocumentLimits;
  introspection: boolean;
  /** Valid documents kept, keyed by query text. @default 1000 */
  cacheSize?: number;
}

/** A parsed, validated document and the type of each of its operations. */
export interface PreparedDocument {
  document: DocumentNode;
  /** By operation name; the anonymous operation under ''. */
  operations: Map<string, OperationTypeNode>;
  /** Query plans by operation name (the anonymous one under ''), null where the planner declined. */
  plans: Map<string, PlannedQuery | null>;
}

export type Preparation =
  | { ok: true; prepared: PreparedDocument }
  | { ok: false; errors: GraphQLError[]; stage: 'parse' | 'validate' };

/**
 * Parses and validates query text against one generation's schema, once per distinct
 * text: valid documents are kept in an LRU cache, so the hot path skips both steps.
 * The lexer stops at `maxTokens`, before building a tree for a huge document.
 *
 * @example
 * const prepare = createDocumentPreparer({ schema, limits, introspection: false });
 * const preparation = prepare('{ title(id: "t1") { name } }');
 */
export function createDocumentPreparer(
  options: DocumentPreparerOptions,
): (query: string) => Preparation {
  const cache = createLruCache<string, PreparedDocument>(options.cacheSize ?? 1000);
  const rules: ValidationRule[] = [
    ...specifiedRules,
    depthLimitRule(options.limits.maxDepth),
    aliasLimitRule(options.limits.maxAliases),
    ...(options.introspection ? [] : [noIntrospectionRule]),
  ];
  return (query) => {
    const cached = cache.get(query);
    if (cached) return { ok: true, prepared: cached };
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: options.limits.maxTokens, noLocation: false });
    } catch (error) {
      return { ok: false, stage: 'parse', errors: [parseError(error, options.limits.maxTokens)] };
    }
    const errors = validate(options.schema, document, rules);
    if (errors.length > 0) return { ok: false, stage: 'validate', errors: [...errors] };
    const prepared = { document, operations: operationTypes(document), plans: new Map() };
    cache.set(query, prepared);
    return { ok: true, prepared };
  };
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

function parseError(error: unknown, maxTokens: number): GraphQLError {
  if (!(error instanceof GraphQLError)) throw error;
  if (error.message.includes('tokens. Parsing aborted')) {
    return new GraphQLError(
      `The query has more than ${maxTokens} tokens; this gateway allows at most ${maxTokens} (limits.maxTokens).`,
      { extensions: { code: 'TOKEN_LIMIT_EXCEEDED' } },
    );
  }
  return new GraphQLError(error.message, {
    source: error.source,
    positions: error.positions,
    extensions: { code: 'GRAPHQL_PARSE_FAILED' },
  });
}
