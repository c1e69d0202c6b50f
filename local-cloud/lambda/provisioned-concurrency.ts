import { InvalidParameterValueError, ProvisionedConcurrencyConfigNotFoundError } from './errors.ts';
import type { FunctionsStore } from './functions-store.ts';
import { ok, type Route, route } from './routes.ts';
import type { AliasConfiguration, FunctionRecord } from './types.ts';
import type { VersionPools } from './version-pools.ts';

/** A provisioned concurrency configuration, as `GetProvisionedConcurrencyConfig` returns it. */
export interface ProvisionedConcurrencyConfig {
  RequestedProvisionedConcurrentExecutions: number;
  AvailableProvisionedConcurrentExecutions: number;
  AllocatedProvisionedConcurrentExecutions: number;
  Status: 'IN_PROGRESS' | 'READY' | 'FAILED';
  StatusReason?: string;
  LastModified: string;
}

export interface ProvisionedConcurrencyOptions {
  store: FunctionsStore;
  pools: VersionPools;
  clock: { now(): number };
  /** Told after a config was deleted: the version it kept may have nothing left to keep it. */
  onDeleted?: (fn: FunctionRecord) => void;
}

const PATH = '/2019-09-30/functions/{name}/provisioned-concurrency';

/**
 * Provisioned concurrency, as Lambda's Put/Get/DeleteProvisionedConcurrencyConfig serve it
 * on a version or an alias: Put starts that many execution environments of the version
 * (split by weight across an alias's versions) and runs their init, so the first invokes
 * find them warm; the config is `IN_PROGRESS` until they are, then `READY` (or `FAILED`
 * when an init failed). `turnout dev` calls it on every live alias before it says it runs.
 * Locally the environments are not reserved: on-demand invokes may use them too.
 *
 * @example
 * await lambda.send(new PutProvisionedConcurrencyConfigCommand({
 *   FunctionName: 'orders', Qualifier: 'live', ProvisionedConcurrentExecutions: 1 }));
 */
export function createProvisionedConcurrency(options: ProvisionedConcurrencyOptions) {
  const { store, pools, clock } = options;
  const configs = new Map<string, ProvisionedConcurrencyConfig>();
  const keyOf = (name: string, qualifier: string) => `${name}\0${qualifier}`;

  function put(name: string, qualifier: string | undefined, count: unknown) {
    const fn = store.get(name);
    if (!qualifier || qualifier === '$LATEST') {
      throw new InvalidParameterValueError(
        'Provisioned Concurrency Configs cannot be applied to unpublished function versions: give Qualifier, a published version or an alias',
      );
    }
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      throw new InvalidParameterValueError(
        `ProvisionedConcurrentExecutions must be a whole number of at least 1, got ${JSON.stringify(count)}`,
      );
    }
    const shares = versionShares(fn.aliases.get(qualifier), qualifier);
    const versions = shares.map(([version, share]) => ({
      version: store.getVersion(name, version),
      count: Math.ceil(count * share),
    }));
    const config: ProvisionedConcurrencyConfig = {
      RequestedProvisionedConcurrentExecutions: count,
      AvailableProvisionedConcurrentExecutions: 0,
      AllocatedProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
      LastModified: new Date(clock.now()).toISOString(),
    };
    configs.set(keyOf(name, qualifier), config);
    void Promise.all(
      versions.map(({ version, count: n }) => pools.poolFor(fn, version).provision(n)),
    ).then((results) => {
      if (configs.get(keyOf(name, qualifier)) !== config) return;
      const ready = results.every(Boolean);
      config.Status = ready ? 'READY' : 'FAILED';
      if (ready) {
        config.AvailableProvisionedConcurrentExecutions = count;
        config.AllocatedProvisionedConcurrentExecutions = count;
      } else config.StatusReason = 'FUNCTION_ERROR_INIT_FAILURE';
    });
    return config;
  }

  function get(name: string, qualifier: string | undefined): ProvisionedConcurrencyConfig {
    store.get(name);
    const config = configs.get(keyOf(name, qualifier ?? ''));
    if (!config) {
      throw new ProvisionedConcurrencyConfigNotFoundError(
        `No Provisioned Concurrency Config found for this function: ${name}:${qualifier ?? ''}`,
      );
    }
    return config;
  }

  const routes: Route[] = [
    route('PUT', PATH, (r) => {
      const body = JSON.parse(r.body.toString('utf8') || '{}') as Record<string, unknown>;
      const qualifier = r.query.get('Qualifier') ?? undefined;
      return ok(put(r.params.name ?? '', qualifier, body.ProvisionedConcurrentExecutions), 202);
    }),
    route('GET', PATH, (r) => ok(get(r.params.name ?? '', r.query.get('Qualifier') ?? undefined))),
    route('DELETE', PATH, (r) => {
      const name = r.params.name ?? '';
      const qualifier = r.query.get('Qualifier') ?? '';
      get(name, qualifier);
      configs.delete(keyOf(name, qualifier));
      options.onDeleted?.(store.get(name));
      return { status: 204 };
    }),
  ];
  /** Whether a config keeps this exact version (not an alias) initialised. */
  const keepsVersion = (name: string, version: string) => configs.has(keyOf(name, version));
  return { put, get, keepsVersion, routes };
}

/** The versions behind a qualifier with their share of traffic: an alias's weights, or one version. */
function versionShares(
  alias: AliasConfiguration | undefined,
  qualifier: string,
): [string, number][] {
  if (!alias) return [[qualifier, 1]];
  const extra = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {});
  const primary = 1 - extra.reduce((sum, [, weight]) => sum + weight, 0);
  return [[alias.FunctionVersion, primary] as [string, number], ...extra].filter(([, w]) => w > 0);
}
