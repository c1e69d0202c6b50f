import { type LambdaClient, ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import type { DeploymentRecord } from '../../contracts/deployment-record.ts';
// The naming file alone: the kit's index loads graphql-tools and zod, and a rollback
// must not wait for them.
import { functionName as functionNameOf, LIVE_ALIAS } from '../../modules/kit/resource-names.ts';
import { pointAlias, readAliasTraffic } from './alias-traffic.ts';
import { NothingToRollBackError } from './errors.ts';

export interface RollbackResult {
  module: string;
  from: string;
  to: string;
  /** How long the one UpdateAlias call took. */
  updateMs: number;
}

/**
 * Sends all of a module's traffic back to the version it served before, with one
 * UpdateAlias call. Mid-shift, that is the alias' primary version; after a promotion,
 * the `stable` version of the module's newest deployment, or else the version before
 * the live one.
 */
export async function rollbackModule(
  lambda: LambdaClient,
  module: string,
  deployments: readonly DeploymentRecord[] = [],
): Promise<RollbackResult> {
  const ref = { functionName: functionNameOf(module), alias: LIVE_ALIAS };
  const traffic = await readAliasTraffic(lambda, ref);
  const to = traffic.canary
    ? traffic.version
    : await previousVersion(lambda, ref.functionName, traffic.version, module, deployments);
  const from = traffic.canary ? traffic.canary.version : traffic.version;
  const started = performance.now();
  await pointAlias(lambda, ref, to);
  return { module, from, to, updateMs: performance.now() - started };
}

async function previousVersion(
  lambda: LambdaClient,
  functionName: string,
  live: string,
  module: string,
  deployments: readonly DeploymentRecord[],
): Promise<string> {
  for (const record of deployments) {
    for (const [key, progress] of Object.entries(record.progress)) {
      const ours = key.startsWith(`${module}@`);
      if (ours && progress.candidate === live && progress.stable && progress.stable !== live)
        return progress.stable;
    }
  }
  const { Versions = [] } = await lambda.send(
    new ListVersionsByFunctionCommand({ FunctionName: functionName }),
  );
  const earlier = Versions.map((v) => Number(v.Version))
    .filter((v) => Number.isInteger(v) && v < Number(live))
    .sort((a, b) => b - a);
  if (earlier[0] === undefined) throw new NothingToRollBackError(module, live);
  return String(earlier[0]);
}
