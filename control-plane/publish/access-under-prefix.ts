import type { RestAccessRule } from '../../contracts/rest-access-rule.ts';
import type { ModuleManifest } from '../../modules/kit/index.ts';

/**
 * The manifest's access rules that guard paths under one of its prefixes, as that
 * prefix's route carries them in a generation; nothing when there are none, so a
 * generation of modules without rules reads as before.
 *
 * @example
 * accessUnderPrefix(manifest, '/gatepass') // { access: [{ path: '/gatepass', methods: ['POST'], scopes: [...] }, ...] }
 */
export function accessUnderPrefix(
  manifest: ModuleManifest,
  prefix: string,
): { access?: RestAccessRule[] } {
  const rules = (manifest.rest?.access ?? []).filter(
    (rule) => rule.path === prefix || rule.path.startsWith(`${prefix}/`),
  );
  return rules.length > 0 ? { access: rules } : {};
}
