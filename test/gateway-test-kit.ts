/**
 * What the gateway's end-to-end tests share: modules as plain JS handlers deployed to the
 * local Lambda (CreateFunction from a local directory, PublishVersion, alias `live`), and
 * generations written straight into the registry table by its contract.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
} from '@aws-sdk/client-lambda';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { stitchingDirectives } from '@graphql-tools/stitching-directives';
import { ACCESS_DIRECTIVES_SDL } from '../contracts/access-directives.ts';
import {
  DEFAULT_REGISTRY_TABLE,
  generationKey,
  REGISTRY_FORMAT,
  type RouteEntry,
  type SubgraphEntry,
  type SupergraphGeneration,
} from '../contracts/registry.ts';
import { ensureRegistryTable } from '../control-plane/registry/ensure-registry-table.ts';
import type { LocalCloud } from '../local-cloud/index.ts';

const { allStitchingDirectivesTypeDefs } = stitchingDirectives();

/**
 * Inside the repository, so the handlers resolve `graphql` from its node_modules; one
 * folder per test process, since test files run side by side and clean up after themselves.
 */
const MODULES_ROOT = join(
  import.meta.dirname,
  '..',
  '.turnout',
  'gateway-test-modules',
  String(process.pid),
);

export async function createRegistryTable(cloud: LocalCloud, tableName = DEFAULT_REGISTRY_TABLE) {
  await ensureRegistryTable(cloud.clients.dynamo, tableName);
}

export interface DeployOptions {
  /** Lambda's own timeout. @default 10 */
  timeoutSeconds?: number;
  environment?: Record<string, string>;
  reservedConcurrency?: number;
}

/** Deploys `index.mjs` as function `name`, publishes version 1 and points `live` at it. */
export async function deployFunction(
  cloud: LocalCloud,
  name: string,
  source: string,
  options: DeployOptions = {},
): Promise<void> {
  const dir = join(MODULES_ROOT, `${name}-${Date.now()}`);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'index.mjs'), source);
  const lambda = cloud.clients.lambda;
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Role: 'arn:aws:iam::000000000000:role/local',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Timeout: options.timeoutSeconds ?? 10,
      Environment: { Variables: options.environment ?? {} },
      Code: { S3Bucket: '__local__', S3Key: dir },
    }),
  );
  const { Version } = await lambda.send(new PublishVersionCommand({ FunctionName: name }));
  await lambda.send(
    new CreateAliasCommand({ FunctionName: name, Name: 'live', FunctionVersion: Version }),
  );
  if (options.reservedConcurrency !== undefined) {
    await lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: name,
        ReservedConcurrentExecutions: options.reservedConcurrency,
      }),
    );
  }
}

export async function removeTestModules(): Promise<void> {
  await rm(MODULES_ROOT, { recursive: true, force: true });
}

/**
 * A graphlet: answers `{ query, variables, operationName, context }` with graphql's
 * `graphql()` over `sdl` and `roots` (JS source of an object of root resolvers).
 * MODE in the environment makes it misbehave: throw, hang, garbage.
 */
export function graphletSource(sdl: string, roots: string): string {
  return `import { buildSchema, graphql } from 'graphql';
const schema = buildSchema(${JSON.stringify(withDirectives(sdl))});
const roots = ${roots};
export const calls = [];
export const handler = async (event) => {
  const mode = process.env.MODE;
  if (mode === 'throw') throw new Error('graphlet exploded');
  if (mode === 'hang') return new Promise(() => {});
  if (mode === 'garbage') return 'not a graphql result';
  const result = await graphql({ schema, source: event.query, variableValues: event.variables,
    operationName: event.operationName ?? undefined, rootValue: roots, contextValue: event.context });
  return JSON.parse(JSON.stringify(result));
};
`;
}

export function withDirectives(sdl: string): string {
  return `${allStitchingDirectivesTypeDefs}\n${ACCESS_DIRECTIVES_SDL}\n${sdl}`;
}

/**
 * The gateway's timeout for a test module unless a test sets its own. The first invoke
 * of each function boots its worker, which on a loaded machine takes seconds by itself;
 * a test that wants a timeout sets a short one on the module that hangs.
 */
const TEST_MODULE_TIMEOUT_MS = 30_000;

export function subgraph(
  module: string,
  sdl: string,
  extra: Partial<SubgraphEntry> = {},
): SubgraphEntry {
  return {
    module,
    functionName: `turnout-${module}`,
    alias: 'live',
    tier: 'medium',
    sdl: withDirectives(sdl),
    timeoutMs: TEST_MODULE_TIMEOUT_MS,
    ...extra,
  };
}

export function route(prefix: string, module: string, extra: Partial<RouteEntry> = {}): RouteEntry {
  return {
    prefix,
    module,
    functionName: `turnout-${module}`,
    alias: 'live',
    timeoutMs: TEST_MODULE_TIMEOUT_MS,
    ...extra,
  };
}

/** Writes a generation item as `publish` would. */
export async function writeGeneration(
  cloud: LocalCloud,
  generation: number,
  parts: { subgraphs?: SubgraphEntry[]; routes?: RouteEntry[] },
  tableName = DEFAULT_REGISTRY_TABLE,
): Promise<void> {
  const item: SupergraphGeneration = {
    ...generationKey(generation),
    format: REGISTRY_FORMAT,
    generation,
    createdAt: new Date().toISOString(),
    publishedBy: 'gateway-test',
    subgraphs: parts.subgraphs ?? [],
    routes: parts.routes ?? [],
    supergraphSdl: '',
  };
  await cloud.clients.documents.send(new PutCommand({ TableName: tableName, Item: item }));
}

/** The IMDb-like example: names, titles, ratings, with Title merged across all three. */
export const IMDB = {
  names: {
    sdl: `type Name @key(selectionSet: "{ id }") { id: ID! name: String! knownFor: [Title!]! }
type Title @key(selectionSet: "{ id }") { id: ID! }
type Query { name(id: ID!): Name names(ids: [ID!]!): [Name]! }
type Mutation { rename(id: ID!, name: String!): Name }`,
    roots: `{
  name: ({ id }) => ({ id, name: 'Name ' + id, knownFor: [{ id: 't1' }, { id: 't2' }, { id: 't3' }] }),
  names: ({ ids }) => ids.map((id) => ({ id, name: 'Name ' + id, knownFor: [{ id: 't1' }, { id: 't2' }] })),
  rename: ({ id, name }) => ({ id, name, knownFor: [] }),
}`,
  },
  titles: {
    sdl: `type Title @key(selectionSet: "{ id }") { id: ID! title: String }
type Query { _titles(ids: [ID!]!): [Title]! @merge(keyField: "id") }`,
    roots: `{ _titles: ({ ids }) => ids.map((id) => ({ id, title: 'Title ' + id })) }`,
  },
  ratings: {
    sdl: `type Title @key(selectionSet: "{ id }") { id: ID! rating: Float }
type Query { _ratings(ids: [ID!]!): [Title]! @merge(keyField: "id") }`,
    roots: `{ _ratings: ({ ids }) => ids.map((id) => ({ id, rating: 8.5 })) }`,
  },
};

/** Sums the gateway's health samples per function. */
export function invokesByFunction(
  samples: { functionName: string; invokes: number }[],
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of samples) counts[s.functionName] = (counts[s.functionName] ?? 0) + s.invokes;
  return counts;
}

/** A parsed JSON body, read freely in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: test assertions walk arbitrary JSON
export type Json = any;

export async function postGraphQL(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Json }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}
