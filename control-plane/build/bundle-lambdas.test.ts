import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda, type LambdaBundle } from './bundle-lambda.ts';
import { bundleLambdas } from './bundle-lambdas.ts';
import { createBundleBatch } from './create-bundle-batch.ts';

const repo = resolve(import.meta.dirname, '..', '..');
/** Two real modules: titles carries the AWS SDK, zod and graphql; hello carries nothing. */
const ENTRIES = ['titles', 'hello'].map((name) => join(repo, 'modules', name, 'handler.ts'));

let scratch: string;
const outputOf = (run: string, module: string) => join(scratch, run, module);

/** A bundle's files and what it says of itself, to compare two builds of one entry. */
async function contentOf(bundle: LambdaBundle) {
  const code = await readFile(join(bundle.directory, bundle.entry), 'utf8');
  const map = await readFile(join(bundle.directory, `${bundle.entry}.map`), 'utf8');
  return {
    code,
    map,
    entry: bundle.entry,
    bytes: bundle.bytes,
    inputs: [...bundle.inputs].sort(),
    carried: [...bundle.carried].sort(),
  };
}

/** Each entry bundled alone, by bundleLambda: what the runs together must write. */
let alone: Awaited<ReturnType<typeof contentOf>>[];

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'turnout-bundles-'));
  alone = await Promise.all(
    ['titles', 'hello'].map(async (module, i) =>
      contentOf(
        await bundleLambda({
          entry: ENTRIES[i] as string,
          outputDirectory: outputOf('alone', module),
        }),
      ),
    ),
  );
}, 120_000);

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('bundleLambdas', () => {
  it('writes, in one run, what bundleLambda writes for each entry alone', async () => {
    const together = await Promise.all(
      bundleLambdas(
        ['titles', 'hello'].map((module, i) => ({
          entry: ENTRIES[i] as string,
          outputDirectory: outputOf('together', module),
        })),
      ),
    );
    expect(together.map((bundle) => bundle.directory)).toEqual([
      outputOf('together', 'titles'),
      outputOf('together', 'hello'),
    ]);
    const contents = await Promise.all(together.map(contentOf));
    // Byte for byte, source maps included; each names only what its own entry reaches.
    expect(contents).toEqual(alone);
    expect(contents[0]?.inputs.some((input) => input.includes('@aws-sdk'))).toBe(true);
    expect(contents[1]?.inputs).toEqual([ENTRIES[1]]);
  }, 120_000);

  it('gives an entry that does not build its own error, and the others their bundles', async () => {
    const broken = join(scratch, 'broken.ts');
    await writeFile(broken, 'export const handler = () => {{;\n');
    const [good, bad] = await Promise.allSettled(
      bundleLambdas([
        { entry: ENTRIES[1] as string, outputDirectory: outputOf('mixed', 'hello') },
        { entry: broken, outputDirectory: outputOf('mixed', 'broken') },
      ]),
    );
    expect(good?.status).toBe('fulfilled');
    if (good?.status === 'fulfilled') expect(await contentOf(good.value)).toEqual(alone[1]);
    expect(bad).toMatchObject({
      status: 'rejected',
      reason: {
        errors: [
          expect.objectContaining({
            location: expect.objectContaining({ file: expect.stringContaining('broken.ts') }),
          }),
        ],
      },
    });
  }, 120_000);
});

describe('createBundleBatch', () => {
  it('builds the entries asked for at about the same time, each its own bundle', async () => {
    const bundle = createBundleBatch();
    const [titles, hello] = await Promise.all(
      ['titles', 'hello'].map((module, i) =>
        bundle({ entry: ENTRIES[i] as string, outputDirectory: outputOf('batched', module) }),
      ),
    );
    expect(await contentOf(titles as LambdaBundle)).toEqual(alone[0]);
    expect(await contentOf(hello as LambdaBundle)).toEqual(alone[1]);
  }, 120_000);
});
