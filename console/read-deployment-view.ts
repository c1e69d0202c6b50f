import type { DeploymentRecord, ModuleProgress } from '../contracts/deployment-record.ts';
import type { DeployTarget } from '../control-plane/deploy/deploy-target.ts';
import { hasLiveOrchestrator } from '../control-plane/deploy/steer-deployment.ts';
import { functionName } from '../modules/kit/resource-names.ts';
import type { ConsoleEnvironment } from './console-environment.ts';
import { type ExplainedDecision, explainDecision } from './explain-decision.ts';
import type { HealthSeries } from './read-health-series.ts';

export interface DeploymentView {
  record: DeploymentRecord;
  /** Whether an orchestrator drives it now (promote needs one). */
  driven: boolean;
  /** Per `<module>@<target>`, where it stands. */
  modules: {
    key: string;
    module: string;
    target: string;
    progress: ModuleProgress;
    strategy?: string;
  }[];
  decisions: ExplainedDecision[];
}

/** A deployment as its page shows it, from its record. */
export async function readDeploymentView(
  env: ConsoleEnvironment,
  id: string,
): Promise<DeploymentView> {
  const record = await env.store.get(id);
  const driven = record.state === 'running' && (await hasLiveOrchestrator(record, env.store));
  return {
    record,
    driven,
    modules: Object.entries(record.progress).map(([key, progress]) => {
      const module = key.slice(0, key.indexOf('@'));
      const strategy = record.plan.strategies[module];
      return {
        key,
        module,
        target: progress.target,
        progress,
        ...(strategy ? { strategy } : {}),
      };
    }),
    decisions: record.events
      .filter((e) => e.kind === 'decision')
      .map((e) => explainDecision(e, record.plan.thresholds)),
  };
}

/** What the charts of one module in one target need: its function and versions, over the deployment. */
export function chartQueries(
  env: ConsoleEnvironment,
  view: DeploymentView,
  now: number,
): {
  key: string;
  target: DeployTarget;
  functionName: string;
  versions: string[];
  fromMs: number;
  toMs: number;
}[] {
  const ended = view.record.state !== 'running';
  const fromMs = Date.parse(view.record.createdAt);
  const toMs = ended ? Math.min(now, Date.parse(view.record.updatedAt) + 5_000) : now;
  return view.modules.flatMap((m) => {
    const target = env.targets.find((t) => t.name === m.target);
    const versions = [m.progress.stable, m.progress.candidate].filter(
      (v): v is string => v !== undefined,
    );
    if (!target || versions.length === 0) return [];
    return [
      {
        key: m.key,
        target,
        functionName: functionName(m.module, target.resourcePrefix),
        versions,
        fromMs,
        toMs,
      },
    ];
  });
}

export type DeploymentCharts = Record<string, HealthSeries>;
