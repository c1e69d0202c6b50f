import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

/** The files the bundled Lambda entry evaluates at load: every import but dynamic ones. */
async function filesLoadedAtColdStart(entry: string): Promise<Set<string>> {
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outfile: 'lambda.mjs',
    logLevel: 'silent',
  });
  return reachable(
    metafile,
    Object.keys(metafile.inputs).find((file) => file.endsWith(entry)),
  );
}

function reachable(metafile: Metafile, from: string | undefined): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.inputs[file]?.imports ?? []) {
      if (imported.kind !== 'dynamic-import' && !imported.external) visit(imported.path);
    }
  };
  if (from) visit(from);
  return seen;
}

describe('graphql-js', () => {
  it("keeps graphql's index out of what the gateway Lambda evaluates at a cold start", async () => {
    const loaded = await filesLoadedAtColdStart(join('gateway', 'lambda.ts'));
    expect([...loaded].filter((file) => file.endsWith('node_modules/graphql/index.js'))).toEqual(
      [],
    );
    expect(
      [...loaded].some((file) => file.endsWith('node_modules/graphql/language/parser.js')),
    ).toBe(true);
  });
});
