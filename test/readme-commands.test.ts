import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevEndpoints } from '../cli/dev/index.ts';
import { readShellBlocks } from './support/readme-shell-blocks.ts';
import {
  spawnTurnout,
  startTurnoutDev,
  stopTurnoutDev,
  type TurnoutProcess,
  waitFor,
} from './support/turnout-process.ts';

const repo = resolve(import.meta.dirname, '..');
const README = await readFile(join(repo, 'README.md'), 'utf8');
const blocks = readShellBlocks(README);

let root: string;
let dev: TurnoutProcess;
let endpoints: DevEndpoints;
let shell: ReturnType<typeof startShell>;

/**
 * One bash for every block, in README order, as a reader pastes them into one terminal:
 * a block may use what an earlier one defined (`token`, `$DISPATCH`). A command that fails
 * in a block marks the block failed (the ERR trap), without ending the shell.
 */
function startShell(cwd: string) {
  const bash: ChildProcessWithoutNullStreams = spawn('bash', ['--norc', '--noprofile'], {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  let output = '';
  bash.stdout.on('data', (chunk) => {
    output += chunk;
  });
  bash.stderr.on('data', (chunk) => {
    output += chunk;
  });
  bash.stdin.write('set -o pipefail -o errtrace\ntrap "failed=1" ERR\n');
  let count = 0;
  return {
    async run(code: string, timeoutMs: number): Promise<{ failed: boolean; output: string }> {
      const marker = `__block_${++count}_done__`;
      const start = output.length;
      bash.stdin.write(`failed=0\n${code}\necho; echo "${marker} $failed"\n`);
      const status = await waitFor(
        async () => new RegExp(`${marker} (\\d)`).exec(output.slice(start))?.[1],
        timeoutMs,
        () => output.slice(start),
      );
      const text = output.slice(start, output.indexOf(marker, start));
      return { failed: status !== '0', output: text };
    },
    stop: () => bash.kill('SIGKILL'),
  };
}

/**
 * The README's commands name the gateway as `localhost:4000`, `npm start`'s default port;
 * the test's `turnout dev` listens on a free port instead, so other runs can share the
 * machine: that one address is the only thing changed.
 */
function asRun(code: string): string {
  const gateway = new URL(endpoints.gateway as string);
  return code.replaceAll('localhost:4000', `localhost:${gateway.port}`);
}

beforeAll(async () => {
  // A scratch project root that shares the repo's code, so .turnout/ lands outside it and
  // `bin/turnout.js` and `.turnout/endpoints.json` resolve as in the README.
  root = await mkdtemp(join(tmpdir(), 'turnout-readme-'));
  for (const entry of ['modules', 'bin', 'node_modules', 'package.json']) {
    await symlink(join(repo, entry), join(root, entry));
  }
  ({ dev, endpoints } = await startTurnoutDev(root));
  await untilModulesAnswer();
  shell = startShell(root);
}, 480_000);

/**
 * Waits until the first query of each graphlet stops timing out. On a loaded machine a
 * module's first invoke (a cold environment, a cold DynamoDB Local) takes longer than its
 * 5 s timeout (issue 17's first-query item; test/dev.test.ts waits the same way). Only a
 * timeout is retried: any other answer is left to the README's blocks.
 */
async function untilModulesAnswer(): Promise<void> {
  const queries = [
    '{ name(id: "nm0000329") { name knownFor(first: 4) { title rating { stars } primaryImage { url } } } }',
    '{ title(id: "tt0120812") { title awards { event } } }',
  ];
  for (const query of queries) {
    await waitFor(async () => {
      const answer = await fetch(`${endpoints.gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      }).then((r) => r.text());
      return answer.includes('MODULE_TIMEOUT') ? undefined : answer;
    }, 180_000);
  }
}

afterAll(async () => {
  shell?.stop();
  await stopTurnoutDev(dev);
  await rm(root, { recursive: true, force: true });
});

describe('every shell command in the README', () => {
  it('has blocks to run, and says why it skips the others', () => {
    const skipped = blocks.filter((b) => b.skip);
    console.log(
      `README.md: ${blocks.length - skipped.length} shell blocks run, ${skipped.length} skipped:\n${skipped
        .map((b) => `  line ${b.line}: ${b.skip}`)
        .join('\n')}`,
    );
    expect(blocks.length - skipped.length).toBeGreaterThanOrEqual(5);
  });

  for (const block of blocks.filter((b) => !b.skip)) {
    it(`runs the block at README.md line ${block.line} as written`, async () => {
      const { failed, output } = await shell.run(asRun(block.code), 120_000);
      const context = `README.md line ${block.line}:\n${block.code}\n--- output ---\n${output}`;
      expect(failed, context).toBe(false);
      // curl -s answers 0 whatever the status: an error body is the failure to catch.
      expect(output, context).not.toMatch(/"errors?"\s*:/);
      expect(output, context).not.toMatch(/command not found|No such file/);
    }, 150_000);
  }
});

describe('turnout env', () => {
  it('is all the AWS SDK v3 needs to reach the local cloud', async () => {
    const script = [
      'eval "$(bin/turnout.js env)"',
      `node --input-type=module -e "import { LambdaClient, ListFunctionsCommand } from '${join(repo, 'node_modules/@aws-sdk/client-lambda/dist-cjs/index.js')}'; const { Functions } = await new LambdaClient({}).send(new ListFunctionsCommand({})); console.log(Functions.map((f) => f.FunctionName).join(' '))"`,
    ].join('\n');
    const { failed, output } = await shell.run(script, 60_000);
    expect(failed, output).toBe(false);
    expect(output).toContain('turnout-ratings');
  });

  it('says no local cloud runs, and prints nothing to eval, where none does', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'turnout-no-cloud-'));
    const run = spawnTurnout(empty, ['env']);
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('No local cloud is running');
    expect(run.output()).not.toContain('export ');
    await rm(empty, { recursive: true, force: true });
  });
});
