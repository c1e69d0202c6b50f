import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..', '..');

export interface TurnoutProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Its exit code (or the signal that ended it). */
  exited: Promise<number | NodeJS.Signals>;
}

/** `turnout <args> --root <root>` as its own process, as an operator runs it. */
export function spawnTurnout(root: string, args: string[]): TurnoutProcess {
  const child = spawn(
    process.execPath,
    [join(repo, 'bin', 'turnout.js'), ...args, '--root', root],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
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
