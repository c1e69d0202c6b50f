import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ModuleRelease } from '../../contracts/registry.ts';
import { getNamedType, TypeInfo, visit, visitWithTypeInfo } from './graphql-js.ts';

/** Which version of a module one document must run on, by module name. */
export type VersionPins = ReadonlyMap<string, string>;

/** A document that uses what only the candidate serves and what only the stable serves. */
export interface VersionConflict {
  module: string;
  message: string;
}

/** Reads a document once and says which modules it must pin to one version. */
export type VersionPinner = (document: DocumentNode) => VersionPins | VersionConflict | undefined;

interface Owner {
  module: string;
  version: string;
  /** `candidate` when only the candidate serves the coordinate. */
  side: 'candidate' | 'stable';
}

/**
 * While a deployment splits a module's alias, the gateway serves both versions' schemas
 * (contracts/registry.ts, ModuleRelease). A document that uses a coordinate only the
 * candidate serves must run on the candidate, and one that uses a coordinate the
 * candidate drops on the stable version; anything else follows the alias' weights.
 * Returns undefined when no module is split, so a generation without a deployment in
 * flight does no work per document.
 *
 * @example
 * const pin = createVersionPinner(schema, generation.releases);
 * pin?.(parse('{ title(id: "t1") { primaryImage { alt } } }')); // Map { 'images' => '7' }
 */
export function createVersionPinner(
  schema: GraphQLSchema,
  releases: Readonly<Record<string, ModuleRelease>> | undefined,
): VersionPinner | undefined {
  const owners = ownersOf(releases ?? {});
  if (owners.size === 0) return undefined;
  return (document) => {
    const pins = new Map<string, Owner>();
    let conflict: VersionConflict | undefined;
    const use = (coordinate: string) => {
      const owner = owners.get(coordinate);
      if (!owner || conflict) return;
      const pinned = pins.get(owner.module);
      if (pinned && pinned.version !== owner.version) {
        conflict = conflictOf(owner, pinned, coordinate);
        return;
      }
      if (!pinned) pins.set(owner.module, { ...owner, side: owner.side });
    };
    walkCoordinates(schema, document, use);
    if (conflict) return conflict;
    if (pins.size === 0) return undefined;
    return new Map([...pins].map(([module, owner]) => [module, owner.version]));
  };
}

function ownersOf(releases: Readonly<Record<string, ModuleRelease>>): Map<string, Owner> {
  const owners = new Map<string, Owner>();
  for (const [module, release] of Object.entries(releases)) {
    if (!release.candidate) continue;
    for (const c of release.candidateOnly ?? [])
      owners.set(c, { module, version: release.candidate.version, side: 'candidate' });
    for (const c of release.stableOnly ?? [])
      owners.set(c, { module, version: release.stable, side: 'stable' });
  }
  return owners;
}

/** Calls `use` with every schema coordinate the document names. */
function walkCoordinates(
  schema: GraphQLSchema,
  document: DocumentNode,
  use: (coordinate: string) => void,
): void {
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (parent) use(`${parent.name}.${node.name.value}`);
      },
      Argument(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) use(`${parent.name}.${field.name}(${node.name.value}:)`);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent) use(`${getNamedType(parent).name}.${node.name.value}`);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type) use(`${getNamedType(type).name}.${node.value}`);
      },
    }),
  );
}

function conflictOf(owner: Owner, pinned: Owner, coordinate: string): VersionConflict {
  const [candidate, stable] = owner.side === 'candidate' ? [owner, pinned] : [pinned, owner];
  return {
    module: owner.module,
    message: `A deployment of module "${owner.module}" is in progress: this operation uses ${coordinate}, which only version ${owner.version} serves, together with what only version ${pinned.version} serves (version ${candidate.version} is the new one, ${stable.version} the one it replaces). Send them in separate requests, or retry once the deployment ends.`,
  };
}
