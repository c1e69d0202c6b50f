import { aliasesUsing } from './aliases.ts';
import { type CodeInput, loadCodePackage } from './code-package.ts';
import {
  InvalidParameterValueError,
  PreconditionFailedError,
  ResourceConflictError,
  ResourceNotFoundError,
} from './errors.ts';
import {
  type ConfigurationInput,
  configurationFingerprint,
  createConfiguration,
  updateConfiguration,
  withCode,
} from './function-configuration.ts';
import { publishVersion } from './publish-version.ts';
import type { FunctionConfiguration, FunctionRecord, FunctionVersion } from './types.ts';

export interface CreateFunctionInput extends ConfigurationInput {
  FunctionName: string;
  Code: CodeInput;
  Publish?: boolean;
}

export interface UpdateCodeInput extends CodeInput {
  Publish?: boolean;
  RevisionId?: string;
}

export interface FunctionsStoreOptions {
  region: string;
  accountId: string;
  /** Where unpacked zips go. */
  tempRoot: string;
  clock: { now(): number };
  /** Told when a version's code or configuration stops being current, so its workers go. */
  onRetired(functionName: string, version: string): void;
}

export type FunctionsStore = ReturnType<typeof createFunctionsStore>;

/**
 * The functions, versions and concurrency settings of the local Lambda. Each operation
 * checks everything first and changes the stored records last, so a request that fails
 * changes nothing.
 *
 * @example
 * const store = createFunctionsStore({ region, accountId, tempRoot, clock: Date, onRetired });
 * await store.createFunction({ FunctionName: 'orders', Handler: 'index.handler', Code });
 */
export function createFunctionsStore(options: FunctionsStoreOptions) {
  const functions = new Map<string, FunctionRecord>();
  const { clock, onRetired } = options;
  const arnOf = (name: string) =>
    `arn:aws:lambda:${options.region}:${options.accountId}:function:${name}`;

  function get(name: string): FunctionRecord {
    const fn = functions.get(name);
    if (!fn) throw new ResourceNotFoundError(`Function not found: ${arnOf(name)}`);
    return fn;
  }

  /** A version by `$LATEST`, number or alias name (an alias gives its primary version). */
  function getVersion(name: string, qualifier = '$LATEST'): FunctionVersion {
    const fn = get(name);
    const target = fn.aliases.get(qualifier)?.FunctionVersion ?? qualifier;
    const version = target === '$LATEST' ? fn.latest : fn.versions.get(target);
    if (!version) throw new ResourceNotFoundError(`Function not found: ${fn.arn}:${qualifier}`);
    return version;
  }

  async function createFunction(input: CreateFunctionInput): Promise<FunctionConfiguration> {
    if (!input.FunctionName) throw new InvalidParameterValueError('FunctionName is required');
    if (functions.has(input.FunctionName)) {
      throw new ResourceConflictError(`Function already exist: ${input.FunctionName}`);
    }
    const arn = arnOf(input.FunctionName);
    const base = { FunctionName: input.FunctionName, FunctionArn: arn, now: clock.now() };
    // why: checking the configuration before reading code keeps a bad request from unzipping
    createConfiguration(base, input, { dir: '', sha256: '', size: 0, owned: false });
    const code = await loadCodePackage(input.Code ?? {}, options.tempRoot);
    const fn: FunctionRecord = {
      name: input.FunctionName,
      arn,
      latest: { config: createConfiguration(base, input, code), code },
      versions: new Map(),
      aliases: new Map(),
      lastVersionNumber: 0,
      reservedConcurrency: undefined,
    };
    if (functions.has(fn.name))
      throw new ResourceConflictError(`Function already exist: ${fn.name}`);
    functions.set(fn.name, fn);
    return input.Publish ? publishVersion(fn, {}, clock.now()).config : fn.latest.config;
  }

  async function updateFunctionCode(name: string, input: UpdateCodeInput) {
    checkRevision(get(name).latest.config, input.RevisionId);
    const code = await loadCodePackage(input, options.tempRoot);
    const fn = get(name);
    checkRevision(fn.latest.config, input.RevisionId);
    replaceLatest(fn, { config: withCode(fn.latest.config, code, clock.now()), code });
    return input.Publish ? publishVersion(fn, {}, clock.now()).config : fn.latest.config;
  }

  function updateFunctionConfiguration(
    name: string,
    input: ConfigurationInput & { RevisionId?: string },
  ) {
    const fn = get(name);
    checkRevision(fn.latest.config, input.RevisionId);
    const config = updateConfiguration(fn.latest.config, input, clock.now());
    const changed = configurationFingerprint(config) !== configurationFingerprint(fn.latest.config);
    if (changed) replaceLatest(fn, { config, code: fn.latest.code });
    else fn.latest = { config, code: fn.latest.code };
    return config;
  }

  function replaceLatest(fn: FunctionRecord, latest: FunctionVersion): void {
    fn.latest = latest;
    onRetired(fn.name, '$LATEST');
  }

  /** Deletes the function, or with a qualifier one published version. */
  function deleteFunction(name: string, qualifier?: string): void {
    const fn = get(name);
    if (!qualifier) {
      functions.delete(name);
      for (const version of ['$LATEST', ...fn.versions.keys()]) onRetired(name, version);
      return;
    }
    if (qualifier === '$LATEST') {
      throw new InvalidParameterValueError(
        '$LATEST version cannot be deleted without deleting the function.',
      );
    }
    if (!fn.versions.has(qualifier)) {
      throw new ResourceNotFoundError(`Function not found: ${fn.arn}:${qualifier}`);
    }
    const users = aliasesUsing(fn, qualifier);
    if (users.length > 0) {
      throw new ResourceConflictError(
        `Unable to delete version because the following aliases reference it: [${users.join(', ')}]`,
      );
    }
    fn.versions.delete(qualifier);
    onRetired(name, qualifier);
  }

  return {
    get,
    getVersion,
    createFunction,
    updateFunctionCode,
    updateFunctionConfiguration,
    deleteFunction,
    list: () => [...functions.values()],
    publishVersion: (
      name: string,
      input: { CodeSha256?: string; RevisionId?: string; Description?: string },
    ) => publishVersion(get(name), input, clock.now()).config,
    putConcurrency(name: string, reserved: number) {
      if (!Number.isInteger(reserved) || reserved < 0) {
        throw new InvalidParameterValueError(
          'ReservedConcurrentExecutions must be a whole number >= 0',
        );
      }
      get(name).reservedConcurrency = reserved;
      return reserved;
    },
    getConcurrency: (name: string) => get(name).reservedConcurrency,
    deleteConcurrency(name: string) {
      get(name).reservedConcurrency = undefined;
    },
  };
}

export function checkRevision(config: FunctionConfiguration, revisionId: string | undefined): void {
  if (revisionId && revisionId !== config.RevisionId) {
    throw new PreconditionFailedError(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
    );
  }
}
