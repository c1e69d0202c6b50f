import type { DocumentNode, ExecutionResult, GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { MergeLimitError } from '../errors.ts';
import { checkMergeList } from '../graphql/check-merge-list.ts';
import { formatViolation } from '../graphql/compile-selection-check.ts';
import type { GraphletCall } from '../graphql/create-module-executor.ts';
import {
  execute,
  GraphQLError,
  getVariableValues,
  stripIgnoredCharacters,
} from '../graphql/graphql-js.ts';
import type { RequestContext } from '../graphql/request-context.ts';
import type { AnswerCheck } from '../invoke/types.ts';
import { mergeArgumentVariable, mergeFieldAlias, mergeFieldIndex } from './merge-aliases.ts';
import type { MergeStep, QueryPlan, RootFetch } from './plan-query.ts';

export type CallModule = (module: string, request: GraphletCall) => Promise<ExecutionResult>;

/**
 * Merge queries printed for one plan, by the ids of the steps they combine, each with
 * the check of its answer. Which steps a level combines, and in which order, depends on
 * the data (steps that found no objects drop out; parents that answer first come
 * first), so the queries are printed as requests meet each combination and kept here,
 * beside the plan rather than in it.
 */
export type MergeQueryCache = Map<string, MergeQuery>;

/** One combination's query, and the check of the module's answer to it. */
export interface MergeQuery {
  readonly query: string;
  readonly check: AnswerCheck;
}

export interface PlanExecution {
  plan: QueryPlan;
  mergeQueries: MergeQueryCache;
  /** The stitched schema without resolvers: the answer is shaped by plain execution over fetched data. */
  schema: GraphQLSchema;
  document: DocumentNode;
  variables: Record<string, unknown> | undefined;
  context: RequestContext;
  call: CallModule;
  /** The most keys one merge step sends a module (limits.maxMergeKeys). */
  maxMergeKeys: number;
}

interface MergeTask {
  step: MergeStep;
  objects: Record<string, unknown>[];
}

/**
 * Runs a query plan: the root fetches side by side, then one invoke per module per merge
 * level, each object's fields merged in place; then shapes the answer by executing the
 * client's document over the fetched data (aliases, fragments, `@skip`, nulls, and errors
 * where they belong). Module errors are placed where graphql-tools places them: at their
 * own path for root fields, at the merged field's path without list indexes for merges.
 *
 * @example
 * const result = await executeQueryPlan({ plan, mergeQueries, schema, document, variables, context, call });
 */
export async function executeQueryPlan(run: PlanExecution): Promise<ExecutionResult> {
  const variables = run.variables ?? {};
  if (!run.plan.variablesCheck?.(variables)) {
    const coerced = getVariableValues(
      run.schema,
      run.plan.operation.variableDefinitions ?? [],
      variables,
    );
    if (coerced.errors) return { errors: coerced.errors };
  }
  const data: Record<string, unknown> = {};
  let tasks: MergeTask[] = [];
  await Promise.all(
    run.plan.fetches.map(async (fetch) => {
      const variables = pick(run.variables, fetch.variableNames);
      const result = await run.call(fetch.module, {
        query: fetch.query,
        variables,
        operationName: run.plan.operationName,
        context: run.context,
        operationType: 'query',
        answerCheck: fetch.check,
        cell: fetch.cell?.(run.variables),
      });
      placeRootResult(data, fetch, result);
      for (const step of fetch.merges) addTask(tasks, step, [data]);
    }),
  );
  while (tasks.length > 0) {
    const next: MergeTask[] = [];
    await Promise.all([...groupByModule(tasks)].map((group) => runMergeLevel(run, group, next)));
    tasks = next;
  }
  if (run.plan.shape) return run.plan.shape(data);
  return await execute({
    schema: run.schema,
    document: run.document,
    rootValue: data,
    contextValue: run.context,
    variableValues: run.variables,
    operationName: run.plan.operationName,
    fieldResolver: byResponseKey,
  });
}

/** Fetched data is keyed by the client's response keys (aliases), not field names. */
const byResponseKey: GraphQLFieldResolver<Record<string, unknown>, unknown> = (
  source,
  _args,
  _context,
  info,
) => source[info.path.key as string];

function placeRootResult(
  data: Record<string, unknown>,
  fetch: RootFetch,
  result: ExecutionResult,
): void {
  const answered = result.data as Record<string, unknown> | null | undefined;
  for (const key of fetch.responseKeys) data[key] = answered?.[key] ?? null;
  for (const error of result.errors ?? []) {
    const path = error.path;
    if (path && fetch.responseKeys.includes(String(path[0]))) {
      placeError(data, path, relocate(error, [...path]));
      continue;
    }
    for (const key of fetch.responseKeys) {
      if (answered?.[key] == null) data[key] = relocate(error, [key]);
    }
  }
}

async function runMergeLevel(
  run: PlanExecution,
  [module, all]: [string, MergeTask[]],
  next: MergeTask[],
): Promise<void> {
  const group = mayPassMergeLimit(all, run.maxMergeKeys)
    ? all.filter((task) => withinMergeLimit(run, task))
    : all;
  if (group.length === 0) return;
  const variables: Record<string, unknown> = {};
  const indexes = group.map((task, i) => {
    const { keys, indexOf } = uniqueKeys(task);
    const args = task.step.argsFromKeys(keys);
    for (const [name, value] of Object.entries(args))
      variables[mergeArgumentVariable(i, name)] = value;
    for (const name of task.step.variableNames) variables[name] = run.variables?.[name];
    return indexOf;
  });
  const { query, check } = mergeQuery(run.plan, run.mergeQueries, group);
  const result = await run.call(module, {
    query,
    variables,
    operationName: run.plan.operationName,
    context: run.context,
    operationType: 'query',
    answerCheck: check,
  });
  const answered = result.data as Record<string, unknown> | null | undefined;
  group.forEach((task, i) => {
    const list = answered?.[mergeFieldAlias(i)];
    if (!Array.isArray(list)) return;
    const indexOf = indexes[i] as number[];
    task.objects.forEach((object, j) => {
      const item = list[indexOf[j] as number];
      if (item && typeof item === 'object') Object.assign(object, item);
    });
  });
  for (const error of result.errors ?? []) placeMergeError(group, indexes, answered, error);
  for (const task of group) {
    for (const step of task.step.merges) addTask(next, step, task.objects);
  }
}

/**
 * The check of a merge level's answer: each step's list, under its alias, by the
 * contract the plan compiled for it, against the keys sent in its variable (one entry
 * per key, in order, each fitting the selection). The violation names the merge field,
 * not the alias. Made once per combination of steps, with its query.
 */
function mergeAnswerCheck(steps: readonly MergeStep[]): AnswerCheck {
  const lists = steps.flatMap((step, i) =>
    step.answerContract
      ? [
          {
            alias: mergeFieldAlias(i),
            keysVariable: mergeArgumentVariable(i, step.keyArg),
            fieldName: step.fieldName,
            contract: step.answerContract,
          },
        ]
      : [],
  );
  return (answer, hasErrors, variables) => {
    for (const list of lists) {
      const keys = variables?.[list.keysVariable];
      if (!Array.isArray(keys)) continue;
      const found = checkMergeList(answer[list.alias], keys, list.contract, hasErrors);
      if (found) {
        found.path.unshift(list.fieldName);
        return formatViolation(found);
      }
    }
    return undefined;
  };
}

/**
 * One query for every step of a level that goes to the same module, printed once per
 * combination, with the check of its answer.
 */
function mergeQuery(plan: QueryPlan, cache: MergeQueryCache, group: MergeTask[]): MergeQuery {
  const id = group.map((t) => t.step.id).join(',');
  const cached = cache.get(id);
  if (cached !== undefined) return cached;
  const definitions = new Set<string>();
  const fields = group.map(({ step }, i) => {
    const args = [...step.argTypes.keys()].filter((name) => name in step.argsFromKeys([]));
    for (const name of args)
      definitions.add(`$${mergeArgumentVariable(i, name)}: ${step.argTypes.get(name)}`);
    for (const name of step.variableNames)
      definitions.add(plan.variableDefinitions.get(name) as string);
    const argList = args.map((name) => `${name}: $${mergeArgumentVariable(i, name)}`).join(', ');
    return `${mergeFieldAlias(i)}: ${step.fieldName}(${argList}) ${step.selectionText}`;
  });
  // Compact text, printed once per combination: every byte of it is sent, hashed into the
  // signature and parsed by the module on every invoke.
  const query = stripIgnoredCharacters(
    `${plan.operationHead}(${[...definitions].join(', ')}) { ${fields.join(' ')} }`,
  );
  const merge = { query, check: mergeAnswerCheck(group.map((task) => task.step)) };
  cache.set(id, merge);
  return merge;
}

function placeMergeError(
  group: MergeTask[],
  indexes: number[][],
  answered: Record<string, unknown> | null | undefined,
  error: GraphQLError,
): void {
  const [alias, index, ...rest] = error.path ?? [];
  const i = typeof alias === 'string' ? mergeFieldIndex(alias) : Number.NaN;
  const task = group[i];
  if (task && typeof index === 'number') {
    const keys = rest.length > 0 ? [rest] : task.step.fieldKeys.map((key) => [key]);
    for (const at of keys) {
      const located = relocate(error, [
        ...task.step.clientPath,
        ...at.filter((p) => typeof p === 'string'),
      ]);
      task.objects.forEach((object, j) => {
        if (indexes[i]?.[j] === index) placeError(object, at, located);
      });
    }
    return;
  }
  for (const [t, each] of group.entries()) {
    if (task && task !== each) continue;
    if (Array.isArray(answered?.[mergeFieldAlias(t)]) && !task) continue;
    for (const key of each.step.fieldKeys) {
      const located = relocate(error, [...each.step.clientPath, key]);
      for (const object of each.objects) object[key] = located;
    }
  }
}

/** No more keys than objects: only a task with more objects than the limit can pass it. */
function mayPassMergeLimit(tasks: readonly MergeTask[], maxMergeKeys: number): boolean {
  for (const task of tasks) if (task.objects.length > maxMergeKeys) return true;
  return false;
}

/**
 * Whether a task's keys fit in one request; if not, its fields get a MergeLimitError
 * instead (the objects stay, the fields this step fills are errors) and it is not sent.
 */
function withinMergeLimit(run: PlanExecution, task: MergeTask): boolean {
  const { keys } = uniqueKeys(task);
  if (keys.length <= run.maxMergeKeys) return true;
  const { clientPath, fieldKeys } = task.step;
  const where = `at ${clientPath.join('.')}`;
  const refused = new MergeLimitError(where, keys.length, run.maxMergeKeys);
  for (const key of fieldKeys) {
    const located = new GraphQLError(refused.message, {
      path: [...clientPath, key],
      originalError: refused,
      extensions: { code: refused.code },
    });
    for (const object of task.objects) object[key] = located;
  }
  return false;
}

/** Deduplicated keys of a task's objects, and each object's index among them. */
function uniqueKeys(task: MergeTask): { keys: unknown[]; indexOf: number[] } {
  const keys: unknown[] = [];
  const seen = new Map<unknown, number>();
  const indexOf = task.objects.map((object) => {
    const key = task.step.key(object);
    const id = key !== null && typeof key === 'object' ? JSON.stringify(key) : key;
    let index = seen.get(id);
    if (index === undefined) {
      index = keys.length;
      seen.set(id, index);
      keys.push(key);
    }
    return index;
  });
  return { keys, indexOf };
}

function addTask(
  tasks: MergeTask[],
  step: MergeStep,
  roots: readonly Record<string, unknown>[],
): void {
  const objects: Record<string, unknown>[] = [];
  for (const root of roots) collect(root, step.path, 0, objects);
  if (objects.length > 0) tasks.push({ step, objects });
}

/** The objects at `path` under `value`, lists flattened at any depth. */
function collect(
  value: unknown,
  path: readonly string[],
  depth: number,
  out: Record<string, unknown>[],
): void {
  if (value === null || typeof value !== 'object' || value instanceof Error) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, path, depth, out);
    return;
  }
  const object = value as Record<string, unknown>;
  if (depth === path.length) out.push(object);
  else collect(object[path[depth] as string], path, depth + 1, out);
}

function groupByModule(tasks: MergeTask[]): Map<string, MergeTask[]> {
  const groups = new Map<string, MergeTask[]>();
  for (const task of tasks) {
    const group = groups.get(task.step.module);
    if (group) group.push(task);
    else groups.set(task.step.module, [task]);
  }
  return groups;
}

/**
 * Puts an error where its path points, replacing what is there (or the nearest missing
 * parent): plain execution throws it at that spot, so nulls propagate as they should.
 */
function placeError(target: unknown, path: readonly (string | number)[], error: GraphQLError) {
  let current = target as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] as string | number;
    const next = current[segment];
    if (next === null || typeof next !== 'object' || next instanceof Error) {
      current[segment] = error;
      return;
    }
    current = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) current[last] = error;
}

/** The same error at another path: execution keeps an error that has a path where it is. */
function relocate(error: GraphQLError, path: (string | number)[]): GraphQLError {
  return new GraphQLError(error.message, {
    path,
    extensions: error.extensions,
    originalError: error.originalError,
  });
}

function pick(
  variables: Record<string, unknown> | undefined,
  names: readonly string[],
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  if (!variables) return picked;
  for (const name of names) if (name in variables) picked[name] = variables[name];
  return picked;
}
