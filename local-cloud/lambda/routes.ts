import { pathToFileURL } from 'node:url';
import { createAlias, deleteAlias, getAlias, listAliases, updateAlias } from './aliases.ts';
import type { FunctionsStore } from './functions-store.ts';
import type { InvocationType, Invoke } from './invoke.ts';
import { parseFunctionName } from './parse-function-name.ts';
import type { FunctionConfiguration, FunctionRecord } from './types.ts';

/** A parsed request, as a route sees it. */
export interface ApiRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A route's answer: a JSON value (or raw text) with a status and extra headers. */
export interface ApiResponse {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handle(request: ApiRequest): ApiResponse | Promise<ApiResponse>;
}

export const ok = (json: unknown, status = 200): ApiResponse => ({ status, json });
const noContent: ApiResponse = { status: 204 };
export const bodyOf = <T>(request: ApiRequest): T =>
  (request.body.length ? JSON.parse(request.body.toString('utf8')) : {}) as T;

/** A route for `path`, whose `{param}` segments arrive in `request.params`. */
export function route(method: string, path: string, handle: Route['handle']): Route {
  return {
    method,
    pattern: new RegExp(`^${path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
    handle,
  };
}

/**
 * Lambda's REST API, as `@aws-sdk/client-lambda` v3 sends it: one route per operation,
 * each a thin translation to the store, the alias rules or the invoker.
 */
export function createRoutes(
  store: FunctionsStore,
  invoke: Invoke,
  /** Told after an alias moved or was deleted: the versions it left may have no alias now. */
  onAliasesChanged: (fn: FunctionRecord) => void = () => {},
): Route[] {
  const target = (r: ApiRequest) =>
    parseFunctionName(r.params.name ?? '', r.query.get('Qualifier') ?? undefined);
  const fnOf = (r: ApiRequest) => store.get(target(r).name);

  return [
    route('POST', '/2015-03-31/functions/{name}/invocations', async (r) => {
      const result = await invoke({
        functionName: target(r).name,
        qualifier: target(r).qualifier,
        invocationType: (header(r, 'x-amz-invocation-type') ?? 'RequestResponse') as InvocationType,
        payload: r.body,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (result.executedVersion) headers['x-amz-executed-version'] = result.executedVersion;
      if (result.functionError) headers['x-amz-function-error'] = result.functionError;
      return { status: result.statusCode, text: result.body, headers };
    }),
    route('POST', '/2015-03-31/functions', async (r) =>
      ok(await store.createFunction(bodyOf(r)), 201),
    ),
    route('GET', '/2015-03-31/functions', (r) => ok(listFunctions(store, r.query))),
    route('GET', '/2015-03-31/functions/{name}', (r) => {
      const { name, qualifier } = target(r);
      const version = store.getVersion(name, qualifier);
      const reserved = store.getConcurrency(name);
      return ok({
        Configuration: version.config,
        Code: { RepositoryType: 'S3', Location: pathToFileURL(version.code.dir).href },
        ...(reserved === undefined
          ? {}
          : { Concurrency: { ReservedConcurrentExecutions: reserved } }),
      });
    }),
    route('DELETE', '/2015-03-31/functions/{name}', (r) => {
      store.deleteFunction(target(r).name, target(r).qualifier);
      return noContent;
    }),
    route('GET', '/2015-03-31/functions/{name}/configuration', (r) =>
      ok(store.getVersion(target(r).name, target(r).qualifier).config),
    ),
    route('PUT', '/2015-03-31/functions/{name}/configuration', (r) =>
      ok(store.updateFunctionConfiguration(target(r).name, bodyOf(r))),
    ),
    route('PUT', '/2015-03-31/functions/{name}/code', async (r) =>
      ok(await store.updateFunctionCode(target(r).name, bodyOf(r))),
    ),
    route('POST', '/2015-03-31/functions/{name}/versions', (r) =>
      ok(store.publishVersion(target(r).name, bodyOf(r)), 201),
    ),
    route('GET', '/2015-03-31/functions/{name}/versions', (r) => {
      const fn = fnOf(r);
      const latest = { ...fn.latest.config, FunctionArn: `${fn.arn}:$LATEST` };
      const all = [latest, ...[...fn.versions.values()].map((v) => v.config)];
      return ok(paginate(all, r.query, 'Versions'));
    }),
    route('POST', '/2015-03-31/functions/{name}/aliases', (r) =>
      ok(createAlias(fnOf(r), bodyOf(r)), 201),
    ),
    route('GET', '/2015-03-31/functions/{name}/aliases', (r) => {
      const aliases = listAliases(fnOf(r), r.query.get('FunctionVersion') ?? undefined);
      return ok(paginate(aliases, r.query, 'Aliases'));
    }),
    route('GET', '/2015-03-31/functions/{name}/aliases/{alias}', (r) =>
      ok(getAlias(fnOf(r), r.params.alias ?? '')),
    ),
    route('PUT', '/2015-03-31/functions/{name}/aliases/{alias}', (r) => {
      const fn = fnOf(r);
      const updated = updateAlias(fn, r.params.alias ?? '', bodyOf(r));
      onAliasesChanged(fn);
      return ok(updated);
    }),
    route('DELETE', '/2015-03-31/functions/{name}/aliases/{alias}', (r) => {
      const fn = fnOf(r);
      deleteAlias(fn, r.params.alias ?? '');
      onAliasesChanged(fn);
      return noContent;
    }),
    route('PUT', '/2017-10-31/functions/{name}/concurrency', (r) => {
      const { ReservedConcurrentExecutions } = bodyOf<{ ReservedConcurrentExecutions: number }>(r);
      return ok({
        ReservedConcurrentExecutions: store.putConcurrency(
          target(r).name,
          ReservedConcurrentExecutions,
        ),
      });
    }),
    route('GET', '/2019-09-30/functions/{name}/concurrency', (r) => {
      const reserved = store.getConcurrency(target(r).name);
      return ok(reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved });
    }),
    route('DELETE', '/2017-10-31/functions/{name}/concurrency', (r) => {
      store.deleteConcurrency(target(r).name);
      return noContent;
    }),
  ];
}

function header(r: ApiRequest, name: string): string | undefined {
  const value = r.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** ListFunctions: `$LATEST` of each function, or every version with `FunctionVersion=ALL`. */
function listFunctions(store: FunctionsStore, query: URLSearchParams) {
  const all = query.get('FunctionVersion') === 'ALL';
  const configs: FunctionConfiguration[] = store
    .list()
    .flatMap((fn) =>
      all
        ? [
            { ...fn.latest.config, FunctionArn: `${fn.arn}:$LATEST` },
            ...[...fn.versions.values()].map((v) => v.config),
          ]
        : [fn.latest.config],
    );
  return paginate(configs, query, 'Functions');
}

/** Lambda's `Marker`/`MaxItems` paging; the marker is an opaque offset here. */
export function paginate<T>(items: T[], query: URLSearchParams, key: string) {
  const from = Number(query.get('Marker') ?? 0) || 0;
  const max = Number(query.get('MaxItems') ?? 50) || 50;
  const page = items.slice(from, from + max);
  const next = from + max < items.length ? { NextMarker: String(from + max) } : {};
  return { [key]: page, ...next };
}
