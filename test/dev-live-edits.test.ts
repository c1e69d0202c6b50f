import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevEndpoints } from '../cli/dev/index.ts';
import {
  CELL_BUCKETS,
  cellBucketOf,
  cellOfBucket,
  evenBucketRanges,
} from '../contracts/cell-map.ts';
import { LOCAL_CREDENTIALS } from '../control-plane/aws/index.ts';
import { tableName } from '../modules/kit/index.ts';
import { makeScratchProject, type ScratchProject } from './support/scratch-project.ts';
import { spawnTurnout, type TurnoutProcess, waitFor } from './support/turnout-process.ts';

/** The titles graphlet's resolver and manifest, in the scratch copy the tests edit. */
let resolverFile: string;
let manifestFile: string;
let project: ScratchProject | undefined;
let root: string;
let dev: TurnoutProcess;
let endpoints: DevEndpoints;

const TITLE_QUERY = '{ title(id: "tt0089374") { title genres } }';

async function queryTitle(): Promise<{ title?: string; genres?: string[] } | undefined> {
  const answer = await fetch(`${endpoints.gateway}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: TITLE_QUERY }),
  });
  const body = (await answer.json()) as { data?: { title?: { title: string; genres: string[] } } };
  return body.data?.title ?? undefined;
}

/** A titles version's Description, read from the local Lambda as the AWS CLI would. */
async function versionDescription(version: string): Promise<string> {
  const lambda = new LambdaClient({
    region: endpoints.region,
    endpoint: endpoints.lambda,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    const configured = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'turnout-titles', Qualifier: version }),
    );
    return configured.Description ?? '';
  } finally {
    lambda.destroy();
  }
}

/** Edits a file of the scratch copy: `edit` turns its text into the new one. */
async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`the edit changed nothing in ${file}`);
  await writeFile(file, after);
}

/** Where `turnout dev`'s output is now: `untilPrinted` looks only at what comes after. */
const mark = () => dev.output().length;

/** Waits until `turnout dev` prints `text` after `since` (a `mark()`). */
function untilPrinted(text: string, since = 0, timeoutMs = 180_000): Promise<true> {
  return waitFor(
    async () => {
      if (dev.output().slice(since).includes(text)) return true;
      if (dev.child.exitCode !== null) throw new Error(`turnout dev exited:\n${dev.output()}`);
      return undefined;
    },
    timeoutMs,
    dev.output,
  );
}

describe('turnout dev: the module team loop', () => {
  beforeAll(async () => {
    project = await makeScratchProject();
    root = project.root;
    resolverFile = join(root, 'modules', 'titles', 'create-titles-graphlet.ts');
    manifestFile = join(root, 'modules', 'titles', 'module.ts');
    dev = spawnTurnout(root, ['dev', '--port', '0']);
    // Generous: a first start builds ten bundles, minutes on a loaded 2-core machine.
    await untilPrinted('watching', 0, 540_000);
    endpoints = JSON.parse(await readFile(join(root, '.turnout', 'endpoints.json'), 'utf8'));
    // Generous: the first invoke of titles boots its environment on a loaded machine.
    await waitFor(async () => (await queryTitle())?.title, 120_000, dev.output);
    // The edits below load the packages pre-bundled once Turnout is running.
    await untilPrinted('live edits load', 0, 300_000);
    expect(dev.output()).toMatch(/live edits load \d+ package imports pre-bundled in /);
  }, 1_020_000);

  afterAll(async () => {
    if (dev?.child.exitCode === null) {
      dev.child.kill('SIGTERM');
      await dev.exited;
    }
    await project?.remove();
  });

  it('serves an edit to a resolver, and prints the version that serves it', async () => {
    expect((await queryTitle())?.title).toBe('Police Story');
    await editFile(resolverFile, (text) =>
      text.replace(
        'return title ?? null;',
        "return title ? { ...title, title: title.title + ' (edited)' } : null;",
      ),
    );
    await waitFor(
      async () => ((await queryTitle())?.title === 'Police Story (edited)' ? true : undefined),
      120_000,
      dev.output,
    );
    // The gateway may answer with the new code a moment before the line is printed.
    await untilPrinted('titles: version 2 serves (was 1)');
    expect(dev.output()).toMatch(/titles: version 2 serves \(was 1\), \d+ ms after the save/);
    // Both versions name their build as a deployment's do (no record: no deployment made them).
    const started = await versionDescription('1');
    const edited = await versionDescription('2');
    // The scratch copy is in no git repository: no commit, unless its folder is in one.
    const provenance = /^sha256=([0-9a-f]{64})( commit=\S+)? deps=(.+)$/;
    for (const description of [started, edited]) expect(description).toMatch(provenance);
    expect(provenance.exec(started)?.[1]).not.toBe(provenance.exec(edited)?.[1]);
    // The start bundles its packages; the edit loads them from node_modules: both name them.
    for (const description of [started, edited])
      expect(provenance.exec(description)?.[3]).toMatch(/^(@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+,/);
  }, 150_000);

  it('keeps the last good code serving when an edit does not build, naming the file and line', async () => {
    const before = mark();
    await editFile(resolverFile, (text) => text.replace('return title ? {', 'return title ? {{'));
    await untilPrinted('titles: the edit was refused', before);
    expect(dev.output().slice(before)).toMatch(/create-titles-graphlet\.ts:\d+:\d+/);
    expect(await queryTitle()).toMatchObject({ title: 'Police Story (edited)' });
    const fixed = mark();
    await editFile(resolverFile, (text) => text.replace('return title ? {{', 'return title ? {'));
    await untilPrinted('nothing to serve', fixed);
  }, 150_000);

  it('keeps the last good code serving when the new version fails its init, never moving live to it', async () => {
    const before = mark();
    const served = await readFile(resolverFile, 'utf8');
    // Throws only inside the function's environment: turnout dev loads the manifest too.
    await editFile(
      resolverFile,
      (text) =>
        `${text}\nif (process.env.AWS_LAMBDA_FUNCTION_NAME) throw new Error('broken at load');\n`,
    );
    await untilPrinted('titles: the edit was refused', before);
    expect(dev.output().slice(before)).toContain('failed its init');
    expect(await queryTitle()).toMatchObject({ title: 'Police Story (edited)' });
    const fixed = mark();
    await writeFile(resolverFile, served);
    await untilPrinted('nothing to serve', fixed);
  }, 150_000);

  it('refuses a breaking schema change and keeps serving the field it would drop', async () => {
    const served = await readFile(manifestFile, 'utf8');
    const before = mark();
    await editFile(manifestFile, (text) => text.replace('    genres: [String!]!\n', ''));
    await untilPrinted('titles: the edit was refused', before);
    expect(dev.output().slice(before)).toContain('[BREAKING_CHANGE] Title.genres');
    expect(await queryTitle()).toMatchObject({ genres: expect.arrayContaining(['Action']) });
    // Put back as served: nothing new to serve.
    const putBack = mark();
    await writeFile(manifestFile, served);
    await untilPrinted('nothing to serve', putBack);
  }, 150_000);

  it('serves a field added to the schema with its resolver', async () => {
    await editFile(manifestFile, (text) =>
      text.replace(
        '    type: TitleType!\n',
        '    type: TitleType!\n    "Whether a live edit served this."\n    edited: Boolean\n',
      ),
    );
    await editFile(resolverFile, (text) =>
      text.replace("' (edited)' }", "' (edited)', edited: true }"),
    );
    const edited = await waitFor(
      async () => {
        const answer = await fetch(`${endpoints.gateway}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ title(id: "tt0089374") { edited genres } }' }),
        });
        const body = (await answer.json()) as { data?: { title?: { edited?: boolean } } };
        return body.data?.title?.edited ? body.data.title : undefined;
      },
      120_000,
      dev.output,
    );
    expect(edited).toMatchObject({ edited: true, genres: expect.arrayContaining(['Action']) });
    await waitFor(
      async () => /titles: version \d+ serves .*schema: .*edited/.test(dev.output()) || undefined,
      30_000,
      dev.output,
    );
  }, 150_000);

  it("serves an edit of a cellular module in every cell, moving each cell's live", async () => {
    // gatepass runs as three cells; a facility of each, by the map npm start publishes.
    const cells = ['cell-1', 'cell-2', 'cell-3'];
    const ranges = evenBucketRanges(cells);
    const facilities = ['DFW7', 'HOU2', 'SAT1', 'ELP1', 'OKC1', 'LIT1', 'MCI1', 'STL6', 'MDW2'];
    const facilityOf = (cell: string) =>
      facilities.find((f) => cellOfBucket({ ranges }, cellBucketOf(f, CELL_BUCKETS)) === cell);
    const lambda = new LambdaClient({
      region: endpoints.region,
      endpoint: endpoints.lambda,
      credentials: LOCAL_CREDENTIALS,
    });
    const liveOf = async (cell: string) =>
      (
        await lambda.send(
          new GetAliasCommand({ FunctionName: `turnout-gatepass-${cell}`, Name: 'live' }),
        )
      ).FunctionVersion;
    const before = await Promise.all(cells.map(liveOf));
    const dispatch = await fetch(endpoints.token as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sub: 'edit-test', scope: 'dispatch' }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    /** The message of the 404 for a pass never issued, as the cell of `facility` words it. */
    const notFoundIn = async (facility: string) => {
      const answer = await fetch(`${endpoints.gateway}/gatepass/gp_0000000000000000`, {
        headers: { authorization: `Bearer ${dispatch}`, 'x-facility-id': facility },
      });
      return JSON.stringify(await answer.json());
    };
    const printed = mark();
    await editFile(join(root, 'modules', 'gatepass', 'errors.ts'), (text) =>
      text.replace('There is no gate pass "', 'There is no gate pass (edited) "'),
    );
    await untilPrinted('gatepass: cell-1 version', printed);
    expect(dev.output().slice(printed)).toMatch(
      /gatepass: cell-1 version \d+ \(was \d+\), cell-2 version \d+ \(was \d+\), cell-3 version \d+ \(was \d+\) serve/,
    );
    const after = await Promise.all(cells.map(liveOf));
    for (const [index, version] of after.entries())
      expect(Number(version)).toBeGreaterThan(Number(before[index]));
    for (const cell of cells) {
      const facility = facilityOf(cell);
      if (!facility) throw new Error(`no facility of the list falls in ${cell}`);
      await waitFor(
        async () => ((await notFoundIn(facility)).includes('(edited)') ? true : undefined),
        60_000,
        dev.output,
      );
    }
    // No function named after the module itself was made: its cells are its functions.
    await expect(
      lambda.send(new GetAliasCommand({ FunctionName: 'turnout-gatepass', Name: 'live' })),
    ).rejects.toThrow();
    lambda.destroy();
  }, 150_000);

  it("loads an edit's packages from the vendor, and a package the vendor lacks from node_modules", async () => {
    const served = await readFile(resolverFile, 'utf8');
    const printed = mark();
    // No module imports jose at start: the vendor has no entry for it.
    await editFile(
      resolverFile,
      (text) =>
        `import { base64url } from 'jose';\n${text.replace("' (edited)'", "' (edited) ' + base64url.encode('x')")}`,
    );
    await waitFor(
      async () => ((await queryTitle())?.title === 'Police Story (edited) eA' ? true : undefined),
      120_000,
      dev.output,
    );
    await untilPrinted('titles: version', printed);
    const version = /titles: version (\d+) serves/.exec(dev.output().slice(printed))?.[1];
    const handler = await readFile(
      join(root, '.turnout', 'build', 'titles', 'handler.mjs'),
      'utf8',
    );
    const imported = [...handler.matchAll(/from\s*"(file:[^"]+)"/g)].map((m) => m[1] as string);
    const vendored = imported.filter((url) =>
      /\/\.turnout\/build-cache\/vendor-[0-9a-f]{16}\//.test(url),
    );
    const linked = imported.filter((url) => url.includes('/node_modules/'));
    // The SDK, zod, graphql from the vendor; jose alone from node_modules.
    expect(vendored.length).toBeGreaterThan(3);
    expect(linked).toHaveLength(1);
    expect(linked[0]).toContain('/node_modules/jose/');
    // Its provenance names every package the vendor's entries hold (the SDK's own smithy
    // and crypto packages too), not only the dozen it imports: as many as fit, then `+N more`.
    const deps = / deps=(.+)$/.exec(await versionDescription(version ?? ''))?.[1] ?? '';
    const shown = deps.split(',').filter((d) => !d.startsWith('+'));
    const more = Number(/\+(\d+) more$/.exec(deps)?.[1] ?? 0);
    expect(shown.length + more).toBeGreaterThan(20);
    expect(shown.every((d) => /^(@[\w.-]+\/)?[\w.-]+@\d+\.\d+\.\d+/.test(d))).toBe(true);
    // Put back, and wait for that version to serve: the answer alone cannot tell, the
    // version before jose gave the same title, and the next test counts titles' versions.
    const restored = mark();
    await writeFile(resolverFile, served);
    await untilPrinted(`titles: version ${Number(version) + 1} serves`, restored);
    expect((await queryTitle())?.title).toBe('Police Story (edited)');
  }, 300_000);

  it('serves a save of shared code (the kit) to each module whose bundle carries it, and to no other', async () => {
    const lambda = new LambdaClient({
      region: endpoints.region,
      endpoint: endpoints.lambda,
      credentials: LOCAL_CREDENTIALS,
    });
    const liveOf = async (FunctionName: string) =>
      (await lambda.send(new GetAliasCommand({ FunctionName, Name: 'live' }))).FunctionVersion;
    const [ratingsBefore, titlesBefore] = await Promise.all(
      ['turnout-ratings', 'turnout-titles'].map(liveOf),
    );
    const printed = mark();
    // Only ratings' bundle carries this kit file (who voted); the other graphlets shake it out.
    await editFile(join(root, 'modules', 'kit', 'graphlet-identity.ts'), (text) =>
      text.replace(
        'scopes: Array.isArray(identity.scopes) ? identity.scopes : [],',
        'scopes: Array.isArray(identity.scopes) ? [...identity.scopes] : [],',
      ),
    );
    await untilPrinted(`ratings: version ${Number(ratingsBefore) + 1} serves`, printed);
    expect(await liveOf('turnout-ratings')).toBe(String(Number(ratingsBefore) + 1));
    expect(await liveOf('turnout-titles')).toBe(titlesBefore);
    expect(dev.output().slice(printed)).not.toMatch(/^(titles|names|images|awards|hello):/m);
    const answer = await fetch(`${endpoints.gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ title(id: "tt0089374") { rating { votes } } }' }),
    });
    const body = (await answer.json()) as { data?: { title?: { rating?: { votes?: number } } } };
    expect(body.data?.title?.rating?.votes).toEqual(expect.any(Number));
    lambda.destroy();
  }, 150_000);

  it('brings up a module added while it runs, once its manifest is right, and serves its edits', async () => {
    const folder = join(root, 'modules', 'greet');
    const greeting = async () => {
      const answer = await fetch(`${endpoints.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ greeting(name: "Ada") }' }),
      });
      return ((await answer.json()) as { data?: { greeting?: string } }).data?.greeting;
    };
    // Shared code only this module carries: a save of it is this module's edit alone.
    const sharedFile = join(root, 'modules', 'kit', 'greeting-word.ts');
    await writeFile(sharedFile, "export const GREETING_WORD = 'hello';\n");
    await mkdir(folder);
    await writeFile(
      join(folder, 'handler.ts'),
      [
        "import { createGraphletHandler } from '../kit/index.ts';",
        "import { GREETING_WORD } from '../kit/greeting-word.ts';",
        "import { sdl } from './module.ts';",
        '',
        'function greet(name: string): string {',
        "  console.log('greeting', name);",
        "  return GREETING_WORD + ', ' + name;",
        '}',
        '',
        'export const handler = createGraphletHandler({',
        '  sdl,',
        '  resolvers: { Query: { greeting: (_: unknown, args: { name: string }) => greet(args.name) } },',
        '});',
        '',
      ].join('\n'),
    );
    // As a copy of another module's folder starts: the other module's name.
    const manifest = (name: string, query = 'greeting(name: String!): String!') =>
      [
        "import { defineModule } from '../kit/index.ts';",
        '',
        `export const sdl = /* GraphQL */ \`type Query { ${query} }\`;`,
        '',
        `export default defineModule({ name: '${name}', owner: 'team-greet', tier: 'low', graphql: { sdl } });`,
        '',
      ].join('\n');
    const copied = mark();
    await writeFile(join(folder, 'module.ts'), manifest('hello'));
    await untilPrinted('greet: the new module was not added', copied);
    expect(dev.output().slice(copied)).toContain(`Set name: 'greet'`);
    expect(await greeting()).toBeUndefined();

    // Refused at publish (titles has Query.title): its function is not left running.
    const conflicting = mark();
    await writeFile(join(folder, 'module.ts'), manifest('greet', 'title(id: ID!): String'));
    await untilPrinted('greet: the new module was not added', conflicting);
    expect(dev.output().slice(conflicting)).toContain('[ROOT_FIELD_CONFLICT]');
    const lambda = new LambdaClient({
      region: endpoints.region,
      endpoint: endpoints.lambda,
      credentials: LOCAL_CREDENTIALS,
    });
    await expect(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'turnout-greet' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    lambda.destroy();

    const named = mark();
    await writeFile(join(folder, 'module.ts'), manifest('greet'));
    await untilPrinted('greet: added, version 1 serves', named);
    expect(await waitFor(greeting, 60_000, dev.output)).toBe('hello, Ada');
    // What the handler logs is printed, labelled with the function and version that wrote it.
    await untilPrinted('[turnout-greet:1] greeting Ada', named);

    // From then on it is watched as the modules of the start are, with its shared files.
    const edited = mark();
    await editFile(join(folder, 'handler.ts'), (text) => text.replace("', ' +", "'; ' +"));
    await untilPrinted('greet: version 2 serves (was 1)', edited);
    expect(await greeting()).toBe('hello; Ada');
    const shared = mark();
    await editFile(sharedFile, (text) => text.replace("'hello'", "'hi'"));
    await untilPrinted('greet: version 3 serves (was 2)', shared);
    expect(await greeting()).toBe('hi; Ada');
    // No other module carries that file.
    expect(dev.output().slice(shared)).not.toMatch(/^(?!greet)\w[\w-]*: version \d+ serves/m);
  }, 300_000);

  it('brings up a module `turnout new` writes, and it answers what its template says', async () => {
    const before = mark();
    const created = spawnTurnout(root, ['new', 'reviews']);
    expect(await created.exited).toBe(0);
    expect(created.output()).toContain('curl -s localhost:4000/reviews/status');
    await untilPrinted('reviews: added, version 1 serves', before);
    const answer = await fetch(`${endpoints.gateway}/reviews/status`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ module: 'reviews', ok: true });
    // An edit its smoke check would fail is served, and the failure told at once.
    const broken = mark();
    await editFile(join(root, 'modules', 'reviews', 'create-reviews-app.ts'), (text) =>
      text.replace('ok: true', 'ok: false'),
    );
    await untilPrinted('reviews: smoke check "answers its status" fails on version 2', broken);
    expect(dev.output().slice(broken)).toContain('`turnout deploy` would refuse this version');
    expect(await (await fetch(`${endpoints.gateway}/reviews/status`)).json()).toEqual({
      module: 'reviews',
      ok: false,
    });
    // A second one by the same name writes nothing.
    const again = spawnTurnout(root, ['new', 'reviews', '--graphql']);
    expect(await again.exited).not.toBe(0);
    expect(again.output()).toContain('is there already: choose another name');
  }, 300_000);

  it('takes down a module whose folder goes, keeping its data, and brings it back under its name', async () => {
    const clientConfig = { region: endpoints.region, credentials: LOCAL_CREDENTIALS };
    const lambda = new LambdaClient({ ...clientConfig, endpoint: endpoints.lambda });
    const dynamo = new DynamoDBClient({ ...clientConfig, endpoint: endpoints.dynamodb });
    const ratingOf = async () => {
      const answer = await fetch(`${endpoints.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ title(id: "tt0089374") { title rating { votes } } }' }),
      });
      return (await answer.json()) as {
        data?: { title?: { rating?: { votes?: number } } };
        errors?: { message: string }[];
      };
    };
    const tableItems = async () => {
      const { TableNames = [] } = await dynamo.send(new ListTablesCommand({}));
      const ratingsTables = TableNames.filter((name) => name.startsWith('turnout-ratings-'));
      const counts = await Promise.all(
        ratingsTables.map(
          async (TableName) =>
            (await dynamo.send(new ScanCommand({ TableName, Select: 'COUNT' }))).Count ?? 0,
        ),
      );
      return { tables: ratingsTables.sort(), items: counts.reduce((a, b) => a + b, 0) };
    };
    const consumersOfRatings = async () =>
      (
        await lambda.send(
          new ListEventSourceMappingsCommand({ FunctionName: 'turnout-ratings:live' }),
        )
      ).EventSourceMappings ?? [];
    // Data the seed does not have: a module brought back must find it, not its seed again.
    await dynamo.send(
      new UpdateItemCommand({
        TableName: tableName('ratings', 'ratings'),
        Key: { titleId: { S: 'tt0089374' } },
        UpdateExpression: 'ADD votes :more',
        ExpressionAttributeValues: { ':more': { N: '1000' } },
      }),
    );
    const votes = (await ratingOf()).data?.title?.rating?.votes;
    expect(votes).toBeGreaterThan(1000);
    const stored = await tableItems();
    expect(stored.tables.length).toBeGreaterThan(0);
    expect(await consumersOfRatings()).not.toEqual([]);

    // Renamed: the folder it had is gone, the one it has is a new module's, refused by its name.
    const folder = join(root, 'modules', 'ratings');
    const renamed = join(root, 'modules', 'ratings-old');
    const removed = mark();
    await rename(folder, renamed);
    await untilPrinted('ratings: removed', removed);
    await untilPrinted('ratings-old: the new module was not added', removed);
    expect(dev.output().slice(removed)).toMatch(
      /ratings: removed, \d+ ms after its module\.ts went; its part of the schema is no longer served\. Its tables and queues are kept/,
    );
    const without = await ratingOf();
    expect(without.errors?.[0]?.message).toContain('Cannot query field "rating"');
    // Its function, environments and queue consumer are gone; its tables and their items stay.
    await expect(
      lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'turnout-ratings' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await consumersOfRatings()).toEqual([]);
    expect(await tableItems()).toEqual(stored);
    // The rest is served as before.
    expect((await queryTitle())?.title).toBe('Police Story (edited)');

    // Named back: brought up as a module added while it runs, with the data it had.
    const back = mark();
    await rename(renamed, folder);
    await untilPrinted('ratings: added, version 1 serves', back);
    expect(dev.output().slice(back)).not.toContain(
      'ratings: turnout-ratings:live -> version 1, seed data loaded',
    );
    expect((await ratingOf()).data?.title?.rating?.votes).toBe(votes);
    expect(await tableItems()).toEqual(stored);
    expect(await consumersOfRatings()).toHaveLength(1);
    lambda.destroy();
    dynamo.destroy();
  }, 300_000);

  it('refuses at once to start on the port another turnout dev serves, naming its pid and URL', async () => {
    const port = new URL(endpoints.gateway as string).port;
    const second = spawnTurnout(root, ['dev', '--port', port]);
    const code = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`pid ${dev.child.pid}`);
    expect(second.output()).toContain(endpoints.gateway);
    expect(second.output()).not.toContain('Turnout is running');
    // The running one keeps its endpoints file and serves on.
    const still = JSON.parse(await readFile(join(root, '.turnout', 'endpoints.json'), 'utf8'));
    expect(still.pid).toBe(dev.child.pid);
    expect((await queryTitle())?.title).toBe('Police Story (edited)');
  }, 60_000);
});
