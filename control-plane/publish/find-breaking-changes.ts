import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';
import type { ModuleRecord } from '../registry/index.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import type { PublishProblem } from './errors.ts';

/** One difference between a module's previous schema and the new one. */
export interface SchemaChange {
  criticality: 'BREAKING' | 'DANGEROUS' | 'NON_BREAKING';
  message: string;
  /** The schema coordinate it touches, e.g. `Title.rating`. */
  path?: string;
  /** Why it has this criticality, when graphql-inspector says. */
  reason?: string;
}

export interface BreakingChangeReport {
  changes: SchemaChange[];
  /** The breaking ones, as publish problems. */
  problems: PublishProblem[];
}

// The command-line flag first: that is where most people meet this refusal. Code that
// calls publishModule or runRelease passes the option named after it.
const ALLOW_BREAKING_FIX =
  'or, if you know no client depends on it, run the command again with `--allow-breaking` ' +
  '(`allowBreaking: true` when calling publishModule or runRelease).';

/**
 * Compares what a module published last time with what it publishes now: its
 * schema, with graphql-inspector, and its REST prefixes. A removed field, a changed
 * type or a removed prefix breaks the clients that use it.
 *
 * @example
 * const { changes, problems } = await findBreakingChanges(previous, schema, ['/message']);
 */
export async function findBreakingChanges(
  previous: Pick<ModuleRecord, 'sdl' | 'restPrefixes'> | undefined,
  schema: GraphQLSchema | undefined,
  restPrefixes: readonly string[],
): Promise<BreakingChangeReport> {
  if (!previous) return { changes: [], problems: [] };
  const changes = await schemaChanges(previous.sdl, schema);
  const problems = [
    ...changes.filter((c) => c.criticality === 'BREAKING').map(breakingChangeProblem),
    ...removedPrefixes(previous.restPrefixes, restPrefixes),
  ];
  return { changes, problems };
}

async function schemaChanges(
  previousSdl: string | undefined,
  schema: GraphQLSchema | undefined,
): Promise<SchemaChange[]> {
  if (!previousSdl) return [];
  if (!schema) {
    return [
      {
        criticality: 'BREAKING',
        message: 'The module no longer serves GraphQL: every field it served is gone.',
      },
    ];
  }
  return (await diff(buildSubgraphSchema(previousSdl), schema)).map(toSchemaChange);
}

function toSchemaChange(change: Change): SchemaChange {
  const level = change.criticality.level;
  return {
    criticality:
      level === CriticalityLevel.Breaking
        ? 'BREAKING'
        : level === CriticalityLevel.Dangerous
          ? 'DANGEROUS'
          : 'NON_BREAKING',
    message: change.message,
    ...(change.path ? { path: change.path } : {}),
    ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
  };
}

function breakingChangeProblem(change: SchemaChange): PublishProblem {
  const reason = change.reason ? ` ${change.reason}` : '';
  return {
    code: 'BREAKING_CHANGE',
    ...(change.path ? { coordinate: change.path } : {}),
    message: `${change.message}: clients that use it would break.${reason}`,
    fix: `Keep it as it was (mark a field @deprecated(reason: "...") first and remove it once no client asks for it), ${ALLOW_BREAKING_FIX}`,
  };
}

function removedPrefixes(before: readonly string[], after: readonly string[]): PublishProblem[] {
  return before
    .filter((prefix) => !after.includes(prefix))
    .map((prefix) => ({
      code: 'BREAKING_CHANGE' as const,
      prefix,
      message: `The REST prefix ${prefix} was removed: clients calling it would get 404s.`,
      fix: `Keep ${prefix} in rest.prefixes until no client calls it, ${ALLOW_BREAKING_FIX}`,
    }));
}
