import { Command } from 'commander';

export function rollbackCommand(): Command {
  return new Command('rollback')
    .description(
      "Send all of a module's traffic back to its previous version with one UpdateAlias call, then " +
        'make the registry serve that version alone (its schema and routes). Recorded, with who and why; ' +
        'a running deployment of the module is marked interrupted and leaves it alone.',
    )
    .argument('<module>', 'the module to roll back')
    .option('--reason <text>', 'why, for the record (`turnout status` shows it)')
    .option('--to <version>', 'the version to go back to (default: the one it served before)')
    .option(
      '--pipeline <file>',
      'roll back in every AWS target this pipeline file defines (default: the running `turnout dev`)',
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(
      async (
        module: string,
        options: { root: string; pipeline?: string; reason?: string; to?: string },
      ) => {
        // The one file it needs, not the deploy folder's index (which loads the whole
        // pipeline): a rollback is the command that must start fastest. The registry's
        // composition loads only if the registry must be told.
        const { rollbackModule } = await import('../../control-plane/deploy/rollback-module.ts');
        const { openEnvironment } = await import('../open-environment.ts');
        const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
        try {
          const deployments = await env.store.list();
          for (const target of env.targets) {
            const result = await rollbackModule({
              target,
              module,
              store: env.store,
              deployments,
              reason: options.reason,
              toVersion: options.to,
            });
            console.log(
              `${module}@${target.name}: live now serves version ${result.to} (was ${result.from}); UpdateAlias took ${result.updateMs.toFixed(0)} ms`,
            );
            if (result.generation !== undefined)
              console.log(
                `  registry: generation ${result.generation} serves version ${result.to} alone`,
              );
            for (const id of result.interrupted) console.log(`  interrupted deployment ${id}`);
            if (result.releaseError) {
              console.error(`  ${result.releaseError}`);
              process.exitCode = 1;
            }
          }
        } finally {
          env.close();
        }
      },
    );
}
