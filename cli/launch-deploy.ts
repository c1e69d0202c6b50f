import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Starts `turnout deploy <modules>` as a process of its own, as a person would from a
 * shell, for the console's retry: the deployment then outlives the console, and it is
 * the very command the CLI runs. Its output goes to a log file under .turnout/console/.
 */
export function createDeployLauncher({
  root,
  pipelineFile,
}: {
  root: string;
  pipelineFile?: string;
}) {
  return async (modules: string[]): Promise<{ pid: number; log: string }> => {
    const directory = join(root, '.turnout', 'console');
    await mkdir(directory, { recursive: true });
    const log = join(directory, `deploy-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
    const out = openSync(log, 'a');
    const bin = join(import.meta.dirname, '..', 'bin', 'turnout.js');
    const args = [bin, 'deploy', ...modules, '--root', root];
    if (pipelineFile) args.push('--pipeline', pipelineFile);
    const child = spawn(process.execPath, args, {
      cwd: root,
      detached: true,
      stdio: ['ignore', out, out],
    });
    child.unref();
    if (child.pid === undefined) throw new Error(`Could not start \`turnout deploy\`: see ${log}.`);
    return { pid: child.pid, log };
  };
}
