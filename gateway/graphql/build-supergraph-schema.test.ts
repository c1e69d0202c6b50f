import { lexicographicSortSchema, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../control-plane/publish/index.ts';
import { NAMES_SDL, RATINGS_SDL, subgraph, TITLES_SDL } from '../testing/fake-modules.ts';
import { buildSupergraphSchema } from './build-supergraph-schema.ts';

const noExecutor = () => async () => ({ data: null });
const print = (schema: Parameters<typeof printSchema>[0]) =>
  printSchema(lexicographicSortSchema(schema));

describe('buildSupergraphSchema', () => {
  it('serves the same schema that publish composed and checked', () => {
    const subgraphs = [
      subgraph('titles', TITLES_SDL),
      subgraph('ratings', RATINGS_SDL),
      subgraph('names', NAMES_SDL),
    ];
    expect(print(buildSupergraphSchema(subgraphs, noExecutor))).toBe(
      print(composeSupergraph(subgraphs)),
    );
  });
});
