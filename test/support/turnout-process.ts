import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { DevEndpoints } from '../../cli/dev/index.ts';

const repo = resolve(import.meta.dirname, '..', '..');

export interface TurnoutProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Its exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals>;
}

/** `turnout <args> --root <root>` as its own process, as an operator runs it. */
export function spawnTurnout(
  root: string,
  args: string[],
  /** More environment variables for the command (an AWS environment's, say). */
  env: Record<string, string> = {},
): TurnoutProcess {
  const child = spawn(
    process.execPath,
    [join(repo, 'bin', 'turnout.js'), ...args, '--root', root],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | NodeJS.Signals>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal ?? 'SIGKILL')),
  );
  return { child, output: () => output, exited };
}

/** Polls `probe` until it gives a value; the ceiling is generous, for a shared machine. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  context: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms\n${context()}`);
}

/**
 * `turnout dev --port 0` on `root`, once it has written `.turnout/endpoints.json` with
 * the gateway's address (what the README's commands read). Fails with its output if it
 * exits first.
 */
export async function startTurnoutDev(
  root: string,
): Promise<{ dev: TurnoutProcess; endpoints: DevEndpoints }> {
  const dev = spawnTurnout(root, ['dev', '--port', '0']);
  const file = join(root, '.turnout', 'endpoints.json');
  const endpoints = await waitFor(
    async () => {
      if (dev.child.exitCode !== null) throw new Error(`turnout dev exited:\n${dev.output()}`);
      const text = await readFile(file, 'utf8').catch(() => undefined);
      const found = text ? (JSON.parse(text) as DevEndpoints) : undefined;
      return found?.gateway ? found : undefined;
    },
    240_000,
    dev.output,
  );
  return { dev, endpoints };
}

/** Ends a `turnout dev` as Ctrl-C does, and waits for it to exit. */
export async function stopTurnoutDev(dev: TurnoutProcess | undefined): Promise<void> {
  if (!dev || dev.child.exitCode !== null || dev.child.signalCode !== null) return;
  dev.child.kill('SIGINT');
  await dev.exited;
}
