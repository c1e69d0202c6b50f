import { randomUUID } from 'node:crypto';
import {
  InvalidParameterValueError,
  PreconditionFailedError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.ts';
import type { AliasConfiguration, AliasRoutingConfig, FunctionRecord } from './types.ts';

export interface AliasInput {
  Name: string;
  FunctionVersion: string;
  Description?: string;
  RoutingConfig?: AliasRoutingConfig;
}

export interface AliasUpdate {
  FunctionVersion?: string;
  Description?: string;
  RoutingConfig?: AliasRoutingConfig;
  RevisionId?: string;
}

/** Adds an alias to `fn`; the record is changed only when every check passed. */
export function createAlias(fn: FunctionRecord, input: AliasInput): AliasConfiguration {
  if (!/^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/.test(input.Name ?? '')) {
    throw new InvalidParameterValueError(
      `Alias name ${input.Name} is invalid: use letters, digits, - and _, not only digits`,
    );
  }
  if (fn.aliases.has(input.Name)) {
    throw new ResourceConflictError(`Alias already exists: ${fn.arn}:${input.Name}`);
  }
  const alias: AliasConfiguration = {
    AliasArn: `${fn.arn}:${input.Name}`,
    Name: input.Name,
    FunctionVersion: input.FunctionVersion,
    Description: input.Description ?? '',
    RevisionId: randomUUID(),
    ...routingConfigOf(input.RoutingConfig),
  };
  validateAlias(fn, alias);
  fn.aliases.set(alias.Name, alias);
  return alias;
}

/** Repoints or reweights an alias; a stale `RevisionId` fails with nothing changed. */
export function updateAlias(fn: FunctionRecord, name: string, update: AliasUpdate) {
  const current = getAlias(fn, name);
  if (update.RevisionId && update.RevisionId !== current.RevisionId) {
    throw new PreconditionFailedError(
      'The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to retrieve the latest Revision Id',
    );
  }
  const { RoutingConfig: _dropped, ...rest } = current;
  const next: AliasConfiguration = {
    ...(update.RoutingConfig ? rest : current),
    FunctionVersion: update.FunctionVersion ?? current.FunctionVersion,
    Description: update.Description ?? current.Description,
    RevisionId: randomUUID(),
    ...(update.RoutingConfig ? routingConfigOf(update.RoutingConfig) : {}),
  };
  validateAlias(fn, next);
  fn.aliases.set(name, next);
  return next;
}

export function getAlias(fn: FunctionRecord, name: string): AliasConfiguration {
  const alias = fn.aliases.get(name);
  if (!alias) throw new ResourceNotFoundError(`Alias not found: ${fn.arn}:${name}`);
  return alias;
}

/** Aliases of `fn`, optionally only those that route to `functionVersion`. */
export function listAliases(fn: FunctionRecord, functionVersion?: string): AliasConfiguration[] {
  const aliases = [...fn.aliases.values()];
  if (!functionVersion) return aliases;
  return aliases.filter(
    (alias) =>
      alias.FunctionVersion === functionVersion ||
      alias.RoutingConfig?.AdditionalVersionWeights?.[functionVersion] !== undefined,
  );
}

export function deleteAlias(fn: FunctionRecord, name: string): void {
  getAlias(fn, name);
  fn.aliases.delete(name);
}

/** Names of the aliases that route any traffic to `version`. */
export function aliasesUsing(fn: FunctionRecord, version: string): string[] {
  return listAliases(fn, version).map((alias) => alias.Name);
}

function routingConfigOf(config: AliasRoutingConfig | undefined) {
  const weights = config?.AdditionalVersionWeights;
  if (!weights || Object.keys(weights).length === 0) return {};
  return { RoutingConfig: { AdditionalVersionWeights: { ...weights } } };
}

/** Lambda's rules for what an alias may point at. */
function validateAlias(fn: FunctionRecord, alias: AliasConfiguration): void {
  const weights = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights ?? {});
  requireVersion(fn, alias.FunctionVersion);
  if (weights.length === 0) return;
  if (weights.length > 1) {
    throw new InvalidParameterValueError(
      'RoutingConfig supports only one additional version: AdditionalVersionWeights must have at most 1 entry',
    );
  }
  if (alias.FunctionVersion === '$LATEST') {
    throw new InvalidParameterValueError(
      '$LATEST is not supported for an alias pointing to more than 1 version',
    );
  }
  for (const [version, weight] of weights) validateWeight(fn, alias, version, weight);
}

function validateWeight(
  fn: FunctionRecord,
  alias: AliasConfiguration,
  version: string,
  weight: number,
) {
  if (version === '$LATEST') {
    throw new InvalidParameterValueError(
      '$LATEST is not supported for an alias pointing to more than 1 version',
    );
  }
  if (version === alias.FunctionVersion) {
    throw new InvalidParameterValueError(
      `Alias primary version ${version} cannot also be an additional version in RoutingConfig`,
    );
  }
  if (typeof weight !== 'number' || !(weight >= 0 && weight <= 1)) {
    throw new InvalidParameterValueError(
      `Invalid weight ${weight} for version ${version}: a weight must be between 0.0 and 1.0`,
    );
  }
  requireVersion(fn, version);
}

function requireVersion(fn: FunctionRecord, version: string): void {
  if (version === '$LATEST' || fn.versions.has(version)) return;
  throw new ResourceNotFoundError(`Function not found: ${fn.arn}:${version}`);
}
