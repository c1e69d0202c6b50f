import type { GraphQLSchema } from 'graphql';
import type { ModuleManifest } from '../../modules/kit/index.ts';
import type { ModuleRecord, SubgraphEntry, SupergraphGeneration } from '../registry/index.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import { checkSdl, type SdlSourceLocation } from './check-sdl.ts';
import { composeSupergraph } from './compose-supergraph.ts';
import type { PublishProblem } from './errors.ts';
import { findAccessConflicts } from './find-access-conflicts.ts';
import { findBreakingChanges, type SchemaChange } from './find-breaking-changes.ts';
import { findCellKeyGaps } from './find-cell-key-gaps.ts';
import { findPrefixConflicts } from './find-prefix-conflicts.ts';
import { findSchemaConflicts } from './find-schema-conflicts.ts';
import { nextSubgraphs } from './plan-generation.ts';

export interface PublicationCheck {
  problems: PublishProblem[];
  changes: SchemaChange[];
  subgraphs: SubgraphEntry[];
  /** The composed supergraph, when the next generation has any subgraph. */
  supergraph: GraphQLSchema | undefined;
}

export interface CheckPublicationInput {
  manifest: ModuleManifest;
  latest: SupergraphGeneration | undefined;
  previous: ModuleRecord | undefined;
  allowBreaking: boolean;
  /** @default 'turnout' */
  resourcePrefix?: string;
  /** Where the module's SDL is written, so SDL errors name that file and line. */
  sdlSource?: SdlSourceLocation;
}

/**
 * Everything that decides whether a module may publish against the registry as it
 * is: its SDL, its conflicts with other modules' types and prefixes, its access
 * directives (which shared types and fields must agree on), its breaking changes, and
 * whether the whole supergraph still composes.
 *
 * @example
 * const { problems } = await checkPublication({ manifest, latest, previous, allowBreaking: false });
 */
export async function checkPublication(input: CheckPublicationInput): Promise<PublicationCheck> {
  const { manifest, latest, previous } = input;
  const subgraphs = nextSubgraphs(manifest, latest, input.resourcePrefix);
  const sdl = manifest.graphql ? checkSdl(manifest.graphql.sdl, input.sdlSource) : undefined;
  if (sdl && sdl.problems.length > 0) {
    return { problems: sdl.problems, changes: [], subgraphs, supergraph: undefined };
  }
  const schema = sdl?.schema;
  const prefixes = manifest.rest?.prefixes ?? [];
  const breaking = await findBreakingChanges(previous, schema, prefixes);
  const others = schema ? otherSchemas(input) : [];
  const problems = [
    ...(schema ? findSchemaConflicts({ module: manifest.name, schema }, others) : []),
    ...(schema ? findAccessConflicts({ module: manifest.name, schema }, others) : []),
    ...(schema ? findCellKeyGaps(manifest, schema) : []),
    ...findPrefixConflicts(manifest.name, prefixes, latest?.routes ?? []),
    ...(input.allowBreaking ? [] : breaking.problems),
  ];
  if (problems.length > 0) {
    return { problems, changes: breaking.changes, subgraphs, supergraph: undefined };
  }
  const composed = compose(subgraphs);
  return { ...composed, changes: breaking.changes, subgraphs };
}

function otherSchemas({ manifest, latest }: CheckPublicationInput) {
  return (latest?.subgraphs ?? [])
    .filter((s) => s.module !== manifest.name)
    .map((s) => ({ module: s.module, schema: buildSubgraphSchema(s.sdl) }));
}

function compose(subgraphs: SubgraphEntry[]): {
  problems: PublishProblem[];
  supergraph: GraphQLSchema | undefined;
} {
  if (subgraphs.length === 0) return { problems: [], supergraph: undefined };
  try {
    return { problems: [], supergraph: composeSupergraph(subgraphs) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      supergraph: undefined,
      problems: [
        {
          code: 'COMPOSITION_FAILED',
          message: `The supergraph does not compose with this module: ${message}`,
          fix: "Check the stitching directives (@key selection sets, @merge key fields) against the other modules' SDL.",
        },
      ],
    };
  }
}
