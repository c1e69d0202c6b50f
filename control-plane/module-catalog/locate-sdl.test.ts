import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSdl } from '../publish/check-sdl.ts';
import { PublishRejectedError } from '../publish/errors.ts';
import { locateSdl } from './locate-sdl.ts';

/** A module.ts as a team writes it: the SDL in a template literal a few lines down. */
const SDL = `
  type Review @key(selectionSet: "{ id }") {
    id: ID!
    stars: Int!
  }

  type Query {
    review(id: ID!): Review
    broken(: Int): Review
  }
`;
const MODULE_TS = `import { defineModule } from '../kit/index.ts';

/** Reviews. */
export const REVIEWS_SDL = /* GraphQL */ \`${SDL}\`;

export default defineModule({ name: 'reviews', owner: 'team-reviews', tier: 'low', graphql: { sdl: REVIEWS_SDL } });
`;

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'locate-sdl-'));
  await writeFile(join(directory, 'module.ts'), MODULE_TS);
});

afterAll(() => rm(directory, { recursive: true, force: true }));

describe('SDL errors in the module file', () => {
  it('finds where the SDL starts in module.ts', async () => {
    expect(await locateSdl(directory, SDL)).toEqual({
      file: join(directory, 'module.ts'),
      line: 4,
      column: 43,
    });
  });

  it('points an SDL error at its line and column in module.ts, not in the SDL string', async () => {
    const source = await locateSdl(directory, SDL);
    const { problems } = checkSdl(SDL, source);
    // `broken(: Int)` is line 9 of the SDL string, line 12 of module.ts.
    const lineInFile = MODULE_TS.split('\n').findIndex((l) => l.includes('broken(')) + 1;
    expect(lineInFile).toBe(12);
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'INVALID_SDL',
        file: join(directory, 'module.ts'),
        line: 12,
        column: 12,
      }),
    ]);
    expect(new PublishRejectedError('reviews', problems).message).toContain(
      `[INVALID_SDL] ${join(directory, 'module.ts')}:12:12: The module's SDL is invalid: Syntax Error`,
    );
  });

  it("says the line is the SDL string's when the SDL is not found as written", async () => {
    expect(await locateSdl(directory, 'type Query { built: String }')).toBeUndefined();
    const { problems } = checkSdl('type Query {\n  x(: Int): Int\n}');
    expect(new PublishRejectedError('reviews', problems).message).toContain('line 2:5 of the SDL');
  });
});
