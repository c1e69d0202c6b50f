/**
 * The gateway's query engine: plans the queries it covers, runs the plans against the
 * modules and shapes their answers; everything else goes to graphql-tools (README.md).
 */

export {
  createSupergraphExecutor,
  type PlannedQuery,
  type SupergraphExecutorOptions,
} from './create-supergraph-executor.ts';
export type { CallModule, MergeQueryCache } from './execute-query-plan.ts';
export type { QueryPlan } from './plan-query.ts';
