import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface BundleProcess {
  /** One invoke, as Lambda answers it: the payload, and `Unhandled` when the handler threw. */
  invoke(event: unknown): Promise<{ payload: string; functionError?: string }>;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Runs a built bundle in a process of its own whose `process.env` is exactly `env`, as
 * Lambda starts an execution environment: what a handler reads at import time (its
 * tables, its settings) comes from there and nowhere else.
 *
 * @example
 * const fn = startBundleProcess({ file: 'out/handler.mjs', exportName: 'handler', env });
 * const { payload } = await fn.invoke({ query: '{ ok }' });
 */
export function startBundleProcess(options: {
  file: string;
  exportName: string;
  env: Record<string, string>;
}): BundleProcess {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, 'bundle-runner.mjs'), options.file, options.exportName],
    // Answers come on fd 3, as Lambda's runtime API is apart from the function's output:
    // a handler's own stdout (its logs, EMF metrics) must not be read as an answer.
    { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env: options.env },
  );
  let stdout = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const answers = child.stdio[3] as NodeJS.ReadableStream;
  const lines = createInterface({ input: answers })[Symbol.asyncIterator]();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // One invoke at a time, as one execution environment serves them.
  let queue = Promise.resolve();
  return {
    invoke(event) {
      const answer = queue.then(async () => {
        child.stdin.write(`${JSON.stringify(event)}\n`);
        const next = await lines.next();
        if (next.done)
          throw new Error(
            `the bundle's process ended: ${stderr.slice(-2000)}${stdout.slice(-500)}`,
          );
        const line = JSON.parse(next.value) as { result?: unknown; error?: unknown };
        return 'error' in line
          ? { payload: JSON.stringify(line.error), functionError: 'Unhandled' }
          : { payload: JSON.stringify(line.result) };
      });
      queue = answer.then(
        () => undefined,
        () => undefined,
      );
      return answer;
    },
    stderr: () => stderr,
    async stop() {
      child.stdin.end();
      child.kill();
      await exited;
    },
  };
}
