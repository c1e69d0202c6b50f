import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
// graphql-js file by file, not through its index: the gateway imports this file, and its
// Lambda's cold start evaluates only the parts of graphql-js it runs
// (gateway/graphql/graphql-js.ts says why). These are the files the index itself loads.
import { GraphQLError } from 'graphql/error/GraphQLError.js';
import { parse } from 'graphql/language/parser.js';
import { specifiedRules } from 'graphql/validation/specifiedRules.js';
import { validate } from 'graphql/validation/validate.js';
import { createLruCache } from './create-lru-cache.ts';

/** How many tokens the lexer reads before it gives up, and what the client is told then. */
export interface TokenLimit {
  maxTokens: number;
  /** The error's message, e.g. naming the option that sets the limit. */
  message: string;
}

export interface DocumentPreparerOptions<T> {
  schema: GraphQLSchema;
  /** What is kept for a valid document, built once per query text: the document, or more. */
  prepared: (document: DocumentNode) => T;
  /** Rules run after graphql-js's specified rules (depth or alias limits, ...). */
  rules?: readonly ValidationRule[];
  /** Stops the lexer before it builds a tree for a huge document (`TOKEN_LIMIT_EXCEEDED`). */
  tokenLimit?: TokenLimit;
  /** Valid documents kept, keyed by query text. @default 1000 */
  cacheSize?: number;
}

/**
 * A prepared document, or why the query text is not one. Parse errors carry the code
 * `GRAPHQL_PARSE_FAILED` (or `TOKEN_LIMIT_EXCEEDED`); validation errors come as the
 * rules reported them.
 */
export type Preparation<T> =
  | { ok: true; prepared: T }
  | { ok: false; errors: GraphQLError[]; stage: 'parse' | 'validate' };

/**
 * Parses and validates query text against a schema once per distinct text: what is
 * kept for a valid document sits in an LRU cache, so a hot path that sees the same few
 * queries again and again skips both steps. Invalid texts are not kept, so they cannot
 * push valid ones out.
 *
 * @example
 * const prepare = createDocumentPreparer({ schema, prepared: (document) => document });
 * const preparation = prepare('{ title(id: "t1") { name } }');
 */
export function createDocumentPreparer<T>(
  options: DocumentPreparerOptions<T>,
): (query: string) => Preparation<T> {
  const cache = createLruCache<string, T>(options.cacheSize ?? 1000);
  const rules = [...specifiedRules, ...(options.rules ?? [])];
  const parseOptions = { maxTokens: options.tokenLimit?.maxTokens, noLocation: false };
  return (query) => {
    const cached = cache.get(query);
    if (cached !== undefined) return { ok: true, prepared: cached };
    let document: DocumentNode;
    try {
      document = parse(query, parseOptions);
    } catch (error) {
      return { ok: false, stage: 'parse', errors: [parseError(error, options.tokenLimit)] };
    }
    const errors = validate(options.schema, document, rules);
    if (errors.length > 0) return { ok: false, stage: 'validate', errors: [...errors] };
    const prepared = options.prepared(document);
    cache.set(query, prepared);
    return { ok: true, prepared };
  };
}

function parseError(error: unknown, tokenLimit: TokenLimit | undefined): GraphQLError {
  if (!(error instanceof GraphQLError)) throw error;
  if (tokenLimit && error.message.includes('tokens. Parsing aborted')) {
    return new GraphQLError(tokenLimit.message, {
      extensions: { code: 'TOKEN_LIMIT_EXCEEDED' },
    });
  }
  return new GraphQLError(error.message, {
    source: error.source,
    positions: error.positions,
    extensions: { code: 'GRAPHQL_PARSE_FAILED' },
  });
}
