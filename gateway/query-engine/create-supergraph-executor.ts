import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import type { CellRouter } from '../cells/compile-cell-router.ts';
import { execute } from '../graphql/graphql-js.ts';
import type { PreparedExecution } from '../graphql/handle-graphql-request.ts';
import { createPlannerContext } from './create-planner-context.ts';
import { type CallModule, executeQueryPlan, type MergeQueryCache } from './execute-query-plan.ts';
import { planQuery, type QueryPlan } from './plan-query.ts';

export interface SupergraphExecutorOptions {
  subgraphs: readonly SubgraphEntry[];
  /** The stitched schema, built on first use. */
  stitched: () => Promise<GraphQLSchema>;
  /** The supergraph's types without resolvers (as publish printed them): planned queries are shaped by them. */
  plain: GraphQLSchema;
  call: CallModule;
  /** Plan queries in the gateway; false leaves every operation to graphql-tools. @default true */
  queryPlanner?: boolean;
  /** The most keys one merge step sends a module (limits.maxMergeKeys). */
  maxMergeKeys: number;
  /** The cellular modules' routers, by module. */
  cellRouters?: ReadonlyMap<string, CellRouter>;
}

/** A query plan and the merge queries printed for it so far, kept with the prepared document. */
export interface PlannedQuery {
  readonly plan: QueryPlan;
  readonly mergeQueries: MergeQueryCache;
}

/**
 * Executes prepared documents against one generation. A query the planner handles runs
 * by its plan, made once per document and operation and kept with the prepared document;
 * anything else (mutations, introspection, abstract types, ...) runs through the stitched
 * schema as graphql-tools delegates it.
 *
 * @example
 * const executeRequest = createSupergraphExecutor({ subgraphs, stitched, plain, call });
 * const result = await executeRequest({ prepared, variables, operationName, context });
 */
export function createSupergraphExecutor(
  options: SupergraphExecutorOptions,
): (request: PreparedExecution) => Promise<ExecutionResult> {
  const { call } = options;
  const planner =
    options.queryPlanner === false
      ? undefined
      : createPlannerContext(options.subgraphs, options.cellRouters);
  return async ({ prepared, variables, operationName, context }) => {
    const planKey = operationName ?? '';
    let planned = prepared.plans.get(planKey);
    if (planned === undefined) {
      const plan = planner && planQuery(planner, options.plain, prepared.document, operationName);
      planned = plan ? { plan, mergeQueries: new Map() } : null;
      prepared.plans.set(planKey, planned);
    }
    if (!planned) {
      return execute({
        schema: await options.stitched(),
        document: prepared.document,
        variableValues: variables,
        operationName,
        contextValue: context,
      });
    }
    return executeQueryPlan({
      plan: planned.plan,
      mergeQueries: planned.mergeQueries,
      schema: options.plain,
      document: prepared.document,
      variables,
      context,
      call,
      maxMergeKeys: options.maxMergeKeys,
    });
  };
}
