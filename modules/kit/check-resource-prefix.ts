import { ResourcePrefixError } from './errors.ts';

/** Letters and digits only: see {@link checkResourcePrefix}. */
const PREFIX_PATTERN = /^[a-z][a-z0-9]{1,15}$/;

/**
 * Returns the prefix if every name made from it (resource-names.ts) can exist in AWS,
 * or throws ResourcePrefixError saying how to fix it. No dash: prefix `a-b` with module
 * `c` would name the same function as prefix `a` with module `b-c`, so two environments
 * in one account could take each other's resources. At most 16 characters; the stacks
 * check each module's full names against AWS's limits (a role's 64 characters first).
 *
 * @example
 * checkResourcePrefix(process.env.TURNOUT_RESOURCE_PREFIX ?? 'turnout'); // 'turnout'
 */
export function checkResourcePrefix(prefix: string): string {
  if (PREFIX_PATTERN.test(prefix)) return prefix;
  const suggestion = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 16);
  throw new ResourcePrefixError(
    `The resource prefix "${prefix}" cannot name resources: use 2-16 lowercase letters and digits, starting with a letter, and no dash (a dash would let "a-b" + module "c" and "a" + module "b-c" share names)${PREFIX_PATTERN.test(suggestion) ? `, e.g. "${suggestion}"` : ''}. Set it with TURNOUT_RESOURCE_PREFIX (stacks) and \`resourcePrefix\` in the pipeline definition.`,
  );
}
