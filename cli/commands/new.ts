import { relative } from 'node:path';
import { Command, Option } from 'commander';
// The tiers alone: the kit's index would load zod and graphql-tools for `turnout --help`.
import { CRITICALITY_TIERS, type CriticalityTier } from '../../modules/kit/tiers.ts';

interface NewCommandOptions {
  graphql?: boolean;
  owner?: string;
  tier: CriticalityTier;
  root: string;
}

/**
 * `turnout new <name>`: a module team's first step. It writes files on this machine
 * only, under modules/<name>/, and never over anything there.
 */
export function newCommand(): Command {
  return new Command('new')
    .description(
      'Write a new module, modules/<name>/ (a REST module, or a GraphQL one with --graphql), ' +
        'ready to run: a running `turnout dev` brings it up at once.',
    )
    .argument('<name>', 'the module\'s name: lowercase letters, digits and dashes, e.g. "reviews"')
    .option('--graphql', 'a graphlet (GraphQL) module instead of a REST one')
    .option('--owner <team>', 'the team that owns it (default: team-<name>)')
    .addOption(
      new Option('--tier <tier>', 'how critical it is: less critical deploys first')
        .choices(CRITICALITY_TIERS)
        .default('low'),
    )
    .option('--root <dir>', 'the project root, holding modules/', process.cwd())
    .action(async (name: string, options: NewCommandOptions) => {
      const { writeNewModule } = await import('../new-module/write-new-module.ts');
      const { directory, files, tryIt } = await writeNewModule({ ...options, name });
      const where = relative(process.cwd(), directory) || directory;
      console.log(`Wrote ${where}/: ${files.join(', ')}`);
      console.log(
        '  A running `turnout dev` brings it up now; otherwise `npm start` does. Try it:',
      );
      console.log(`  ${tryIt}`);
    });
}
