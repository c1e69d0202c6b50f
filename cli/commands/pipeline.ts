import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Command } from 'commander';

interface PipelineOptions {
  root: string;
  pipeline: string;
  all?: boolean;
  stripe?: boolean;
  branch: string;
  check?: boolean;
}

/**
 * `turnout pipeline <unit...>`: for module teams (their module's workflow) and operators
 * (the gateway's). Writes files in the working tree only; acting on them is CI's, under
 * the permissions of the GitHub environments each stage runs in.
 */
export function pipelineCommand(): Command {
  return new Command('pipeline')
    .description(
      "Write a module's (or the gateway's) own release pipeline as a GitHub Actions workflow under " +
        '.github/workflows/: run on changes to its folder and the kit only, test it, `sst deploy` its ' +
        'stack in each Region of each stage, then `turnout deploy --pipeline` its traffic stage by stage, ' +
        'each stage in the GitHub environment of its name (approvals, wait timer). Commit what it writes.',
    )
    .argument('[units...]', 'modules (folder names under modules/) and/or `gateway`')
    .option('--all', 'every module and the gateway')
    .option('--pipeline <file>', 'the pipeline definition the workflows deploy with', 'pipeline.ts')
    .option(
      '--stripe',
      'the workflows deploy each stage with --stripe (default: staggered Regions)',
    )
    .option('--branch <name>', 'the branch whose pushes release', 'main')
    .option(
      '--check',
      'write nothing; fail when a committed workflow differs from what would be written',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (units: string[], options: PipelineOptions) => {
      const { registerTypeScript } = await import('../register-typescript.ts');
      const { loadPipeline } = await import('../open-environment.ts');
      const { writeWorkflows } = await import('../write-workflows.ts');
      const chosen = options.all ? await allUnits(options.root) : units;
      if (!chosen.length)
        throw new Error('Name the modules (or `gateway`) to write pipelines for, or pass --all.');
      const file = join(options.root, options.pipeline);
      if (!(await stat(file).catch(() => undefined)))
        throw new Error(
          `There is no pipeline definition at ${file}: pass --pipeline <file> (a \`definePipeline({ stages })\` file; the default is pipeline.ts at the root).`,
        );
      await registerTypeScript();
      const files = await writeWorkflows({
        root: options.root,
        units: chosen,
        definition: await loadPipeline(file),
        pipelineFile: options.pipeline,
        regions: options.stripe ? 'stripe' : 'stagger',
        branch: options.branch,
        check: options.check,
      });
      for (const file of files) console.log(`${file.state.padEnd(9)} ${file.path}`);
      const stale = files.filter((f) => f.state === 'stale');
      if (stale.length) {
        console.error(
          `\n${stale.length} workflow(s) out of date: run \`turnout pipeline ${stale.map((f) => f.unit).join(' ')}\` and commit the result.`,
        );
        process.exitCode = 1;
      }
    });
}

async function allUnits(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'modules'), { withFileTypes: true });
  const modules = entries
    .filter((e) => e.isDirectory() && e.name !== 'kit')
    .map((e) => e.name)
    .sort();
  return [...modules, 'gateway'];
}
