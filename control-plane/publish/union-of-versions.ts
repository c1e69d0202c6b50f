import { mergeTypeDefs } from '@graphql-tools/merge';
import { print } from 'graphql';
import type { ModuleRelease } from '../../contracts/registry.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import { coordinatesMissingFrom, schemaCoordinates } from './schema-coordinates.ts';

/** What one version of a module serves. */
export interface ServedByVersion {
  version: string;
  sdl: string | undefined;
  restPrefixes: readonly string[];
}

/** What a module serves while two of its versions share the alias. */
export interface VersionUnion {
  /** Both versions' types and fields; where both define a field, the stable one's. */
  sdl: string | undefined;
  candidateOnly: string[];
  stableOnly: string[];
}

/**
 * The schema a gateway serves while a deployment splits a module's traffic: every
 * field either version serves, with the coordinates only one of them serves, so the
 * gateway can invoke that version by number for the operations that use them.
 *
 * @example
 * const { sdl, candidateOnly } = unionOfVersions(stable, candidate); // candidateOnly: ['Image.alt']
 */
export function unionOfVersions(stable: ServedByVersion, candidate: ServedByVersion): VersionUnion {
  if (!stable.sdl || !candidate.sdl) {
    return {
      sdl: candidate.sdl ?? stable.sdl,
      candidateOnly: candidate.sdl ? coordinatesOf(candidate.sdl) : [],
      stableOnly: stable.sdl ? coordinatesOf(stable.sdl) : [],
    };
  }
  const stableCoordinates = schemaCoordinates(buildSubgraphSchema(stable.sdl));
  const candidateCoordinates = schemaCoordinates(buildSubgraphSchema(candidate.sdl));
  // mergeTypeDefs keeps the later definition of a field both define: the stable's,
  // which is what clients have been served.
  const merged = mergeTypeDefs([candidate.sdl, stable.sdl], { useSchemaDefinition: false });
  return {
    sdl: print(merged),
    candidateOnly: coordinatesMissingFrom(candidateCoordinates, stableCoordinates),
    stableOnly: coordinatesMissingFrom(stableCoordinates, candidateCoordinates),
  };
}

function coordinatesOf(sdl: string): string[] {
  return [...schemaCoordinates(buildSubgraphSchema(sdl))].sort();
}

/** The release entry of a generation: who serves, and what only one version serves. */
export function releaseOf(
  stable: string,
  candidate: { version: string; weight: number } | undefined,
  union: VersionUnion | undefined,
): ModuleRelease {
  if (!candidate || !union) return { stable };
  return {
    stable,
    candidate,
    ...(union.candidateOnly.length ? { candidateOnly: union.candidateOnly } : {}),
    ...(union.stableOnly.length ? { stableOnly: union.stableOnly } : {}),
  };
}
