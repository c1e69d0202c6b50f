import type { DocumentNode } from 'graphql';
import { createLruCache } from '../../lib/create-lru-cache.ts';
import { parse } from './graphql-js.ts';

/** A subgraph's SDL, parsed once however many read it; ASTs are never changed. */
const parsed = createLruCache<string, DocumentNode>(64);

/**
 * Parses a subgraph's SDL (without locations), keeping the last 64 documents by text:
 * one generation's build reads each SDL several times (the merge fields, the planner,
 * the contract schemas), and the next generation mostly carries the same SDL again.
 *
 * @example
 * const document = parseSdl(subgraph.sdl);
 */
export function parseSdl(sdl: string): DocumentNode {
  let document = parsed.get(sdl);
  if (document === undefined) {
    document = parse(sdl, { noLocation: true });
    parsed.set(sdl, document);
  }
  return document;
}
