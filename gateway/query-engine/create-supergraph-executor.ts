import type { ExecutionResult, GraphQLSchema } from 'graphql';
import type { SubgraphEntry } from '../../contracts/registry.ts';
import { execute } from '../graphql/graphql-js.ts';
import type { PreparedExecution } from '../graphql/handle-graphql-request.ts';
import { compileResultShaper } from './compile-result-shaper.ts';
import { compileVariablesCheck } from './compile-variables-check.ts';
import { createPlannerContext } from './create-planner-context.ts';
import { type CallModule, executeQueryPlan } from './execute-query-plan.ts';
import { planQuery } from './plan-query.ts';

export interface SupergraphExecutorOptions {
  subgraphs: readonly SubgraphEntry[];
  /** The stitched schema, built on first use. */
  stitched: () => Promise<GraphQLSchema>;
  /** The supergraph's types without resolvers (as publish printed them): planned queries are shaped by them. */
  plain: GraphQLSchema;
  call: CallModule;
  /** Plan queries in the gateway; false leaves every operation to graphql-tools. @default true */
  queryPlanner?: boolean;
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
    options.queryPlanner === false ? undefined : createPlannerContext(options.subgraphs);
  return async ({ prepared, variables, operationName, context }) => {
    const planKey = operationName ?? '';
    let plan = prepared.plans.get(planKey);
    if (plan === undefined) {
      plan = (planner && planQuery(planner, prepared.document, operationName)) ?? null;
      if (plan) {
        plan.shape = compileResultShaper(options.plain, plan.operation, plan.fragments);
        plan.variablesCheck = compileVariablesCheck(
          options.plain,
          plan.operation.variableDefinitions ?? [],
        );
      }
      prepared.plans.set(planKey, plan);
    }
    if (!plan) {
      return execute({
        schema: await options.stitched(),
        document: prepared.document,
        variableValues: variables,
        operationName,
        contextValue: context,
      });
    }
    return executeQueryPlan({
      plan,
      schema: options.plain,
      document: prepared.document,
      variables,
      context,
      call,
    });
  };
}
