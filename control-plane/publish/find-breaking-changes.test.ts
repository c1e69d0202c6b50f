import { describe, expect, it } from 'vitest';
import type { ModuleRecord } from '../../contracts/registry.ts';
import { buildSubgraphSchema } from './build-subgraph-schema.ts';
import { findBreakingChanges } from './find-breaking-changes.ts';

const sdl = 'type Query { catalogPing: String! catalogStatus: String! }';

function published(restPrefixes: string[] = []): ModuleRecord {
  return { sdl, restPrefixes } as ModuleRecord;
}

describe('a breaking change', () => {
  it('is refused with a fix that names the --allow-breaking flag and the API option', async () => {
    const { problems } = await findBreakingChanges(
      published(),
      buildSubgraphSchema('type Query { catalogPing: String! }'),
      [],
    );

    expect(problems).toHaveLength(1);
    expect(problems[0]?.fix).toContain('`--allow-breaking`');
    expect(problems[0]?.fix).toContain('allowBreaking: true');
  });

  it('of a removed REST prefix names the flag too', async () => {
    const { problems } = await findBreakingChanges(
      published(['/catalog']),
      buildSubgraphSchema(sdl),
      [],
    );

    expect(problems.map((p) => p.fix)).toEqual([expect.stringContaining('`--allow-breaking`')]);
  });
});
