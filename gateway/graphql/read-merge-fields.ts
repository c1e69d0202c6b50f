import type { SubgraphEntry } from '../../contracts/registry.ts';
import { Kind } from './graphql-js.ts';
import { parseSdl } from './parse-sdl.ts';

/**
 * The root fields some module marks with `@merge`: `_titles(ids:)`, `_people(ids:)`. They
 * are how the gateway fetches a type's fields by key, not an API: clients are never
 * served them (`toClientSchema`), while the gateway's plans and stitching still call
 * them on the modules. Only SDL that mentions `@merge` is parsed.
 *
 * @example
 * readMergeFields(generation.subgraphs); // Set { '_people', '_titles' }
 */
export function readMergeFields(subgraphs: readonly Pick<SubgraphEntry, 'sdl'>[]): Set<string> {
  const names = new Set<string>();
  for (const { sdl } of subgraphs) {
    if (!sdl.includes('@merge')) continue;
    for (const definition of parseSdl(sdl).definitions) {
      const isQuery =
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
          definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === 'Query';
      if (!isQuery) continue;
      for (const field of definition.fields ?? []) {
        if (field.directives?.some((d) => d.name.value === 'merge')) names.add(field.name.value);
      }
    }
  }
  return names;
}
