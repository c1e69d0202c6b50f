import { buildSubgraphSchema } from '../control-plane/publish/build-subgraph-schema.ts';
import { findBreakingChanges } from '../control-plane/publish/find-breaking-changes.ts';
import { readVersionRecord } from '../control-plane/registry/read-version-record.ts';
import type { ConsoleEnvironment } from './console-environment.ts';
import { ConsoleInputError } from './errors.ts';

/**
 * What changed from one version of a module to another: its schema (graphql-inspector,
 * through the same check publish runs) and its REST prefixes, with what breaks clients.
 */
export async function diffVersionSchemas(
  env: ConsoleEnvironment,
  module: string,
  from: string,
  to: string,
) {
  const read = async (version: string) => {
    const record = await readVersionRecord(
      env.clients.documents,
      env.registryTable,
      module,
      version,
    );
    if (!record)
      throw new ConsoleInputError(
        `Module "${module}" has no recorded version ${version}: the module page lists the versions that have one.`,
      );
    return record;
  };
  const [older, newer] = await Promise.all([read(from), read(to)]);
  const report = await findBreakingChanges(
    older,
    newer.sdl ? buildSubgraphSchema(newer.sdl) : undefined,
    newer.restPrefixes,
  );
  return {
    module,
    from,
    to,
    changes: report.changes,
    breaking: report.problems.map((p) => p.message),
  };
}
