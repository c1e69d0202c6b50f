import { Command } from 'commander';
import { findModulesDirectory } from '../find-modules-directory.ts';
import { registerTypeScript } from '../register-typescript.ts';

export function publishCommand(): Command {
  return new Command('publish')
    .description(
      "Publish a module's schema and routes to the registry: compose it with the other modules, refuse " +
        'conflicts and breaking changes, and write a new supergraph generation the gateways pick up.',
    )
    .argument('<module>', 'the module to publish')
    .option('--allow-breaking', 'accept changes that break clients of the previous schema')
    .option(
      '--pipeline <file>',
      "publish to the first AWS target's registry (default: the running `turnout dev`)",
    )
    .option('--root <dir>', 'the project root', process.cwd())
    .action(
      async (
        name: string,
        options: { root: string; pipeline?: string; allowBreaking?: boolean },
      ) => {
        await registerTypeScript(); // the module's manifest is TypeScript
        const { loadModule } = await import('../../control-plane/module-catalog/index.ts');
        const { publishModule } = await import('../../control-plane/publish/index.ts');
        const { openEnvironment } = await import('../open-environment.ts');
        const { manifest, sdlSource } = await loadModule(
          await findModulesDirectory(options.root),
          name,
        );
        const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
        try {
          const result = await publishModule({
            manifest,
            clients: env.clients,
            registryTable: env.registryTable,
            resourcePrefix: env.resourcePrefix,
            allowBreaking: options.allowBreaking,
            sdlSource,
          });
          console.log(`Published ${name}: supergraph generation ${result.generation.generation}.`);
          for (const change of result.changes)
            console.log(`  ${change.criticality}: ${change.message}`);
        } finally {
          env.close();
        }
      },
    );
}
