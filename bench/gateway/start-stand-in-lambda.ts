import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..', '..');

/**
 * Starts a stand-in for Lambda's Invoke API (fake-lambda.ts, replay-lambda.ts) in a process
 * of its own, so that the modules' CPU is not the gateway's, and waits for the URL it
 * prints. It exits when the benchmark closes its stdin, however the benchmark ends.
 */
export async function startStandInLambda(
  script: string,
  args: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin/run-ts.js'), join(import.meta.dirname, script), ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child };
}
