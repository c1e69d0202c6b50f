import { Command } from 'commander';

export function rollbackCommand(): Command {
  return new Command('rollback')
    .description(
      "Send all of a module's traffic back to its previous version, with one UpdateAlias call.",
    )
    .argument('<module>', 'the module to roll back')
    .option(
      '--pipeline <file>',
      'roll back in every AWS target this pipeline file defines (default: the running `turnout dev`)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(async (module: string, options: { root: string; pipeline?: string }) => {
      // The one file it needs, not the deploy folder's index (which loads the whole
      // pipeline): a rollback is the command that must start fastest.
      const { rollbackModule } = await import('../../control-plane/deploy/rollback-module.ts');
      const { openEnvironment } = await import('../open-environment.ts');
      const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
      try {
        const deployments = await env.store.list();
        for (const target of env.targets) {
          const result = await rollbackModule(target.lambda, module, deployments);
          console.log(
            `${module}@${target.name}: live now serves version ${result.to} (was ${result.from}); UpdateAlias took ${result.updateMs.toFixed(0)} ms`,
          );
        }
      } finally {
        env.close();
      }
    });
}
