import type { GraphQLSchema } from 'graphql';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import { RESERVED_ROOT_FIELDS } from './check-sdl.ts';
import type { PublishProblem } from './errors.ts';

/**
 * Root fields of a cellular module that no request could be routed by: no key rule
 * names them and the module has no default cell. The gateway would refuse every call
 * of such a field at request time (`CELL_KEY_MISSING`); refusing the publish says so
 * before any client finds out. Merge fields (`@merge`) count too: another module's
 * merge carries entity ids, not the key, so only a default cell can serve them. The
 * kit's own fields (`_sdl`) are left out.
 *
 * @example
 * findCellKeyGaps(manifest, schema); // [{ code: 'CELL_KEY_UNDECLARED', coordinate: 'Query.depots', ... }]
 */
export function findCellKeyGaps(
  manifest: Pick<ModuleManifest, 'name' | 'cells'>,
  schema: GraphQLSchema,
): PublishProblem[] {
  const { cells } = manifest;
  if (!cells || cells.defaultCell) return [];
  const keyed = new Set(cells.key.graphql.map((rule) => rule.field));
  const roots = [schema.getQueryType(), schema.getMutationType()];
  return roots.flatMap((type) =>
    type
      ? Object.keys(type.getFields())
          .filter(
            (field) => !RESERVED_ROOT_FIELDS.has(field) && !keyed.has(`${type.name}.${field}`),
          )
          .map((field) => gap(manifest.name, `${type.name}.${field}`))
      : [],
  );
}

function gap(module: string, coordinate: string): PublishProblem {
  return {
    code: 'CELL_KEY_UNDECLARED',
    coordinate,
    message: `${coordinate} has no cell key: module "${module}" is cut into cells, and a call of it would carry no key, so the gateway would refuse every one.`,
    fix: `Add { field: '${coordinate}', argument: '<its key argument>' } to cells.key.graphql in module.ts, or a cells.defaultCell for calls without a key.`,
  };
}
