import type { BuildProvenance } from '../../contracts/deployment-record.ts';

/** Lambda's limit on a version's Description. */
export const VERSION_DESCRIPTION_MAX = 256;

/**
 * What a published Lambda version says about its build, so the version itself (in the
 * Lambda console, `aws lambda list-versions-by-function`) names what it was made of:
 * the bundle's SHA-256, the commit, as many dependencies as fit in Lambda's 256
 * characters, and the deployment record that holds the whole list. A version
 * `turnout dev` publishes (its start, a live edit) has no deployment record: no `record=`.
 *
 * @example
 * versionDescription(provenance, 'd-20260101-abcd');
 * // 'sha256=9f2c... commit=1a2b3c4 record=d-20260101-abcd deps=graphql@16.9.0,zod@3.23.8'
 */
export function versionDescription(provenance: BuildProvenance, deploymentId?: string): string {
  const head = [
    `sha256=${provenance.bundleSha256}`,
    ...(provenance.commit ? [`commit=${provenance.commit}`] : []),
    ...(deploymentId ? [`record=${deploymentId}`] : []),
  ].join(' ');
  const deps = provenance.dependencies;
  if (deps.length === 0) return head.slice(0, VERSION_DESCRIPTION_MAX);
  for (let shown = deps.length; shown >= 0; shown--) {
    const rest = deps.length - shown;
    const list = [...deps.slice(0, shown), ...(rest ? [`+${rest} more`] : [])].join(',');
    const text = `${head} deps=${list}`;
    if (text.length <= VERSION_DESCRIPTION_MAX) return text;
  }
  return head.slice(0, VERSION_DESCRIPTION_MAX);
}
