import { currentUser } from '../control-plane/deploy/current-user.ts';
import { rollbackModule } from '../control-plane/deploy/rollback-module.ts';
import { abortDeployment, promoteDeployment } from '../control-plane/deploy/steer-deployment.ts';
import type {
  ConsoleEnvironment,
  ConsoleLaunchers,
  ConsoleRegions,
} from './console-environment.ts';
import { ConsoleInputError, ConsoleNotFoundError } from './errors.ts';

/** Who acts from the console, for the records: the OS user who started it. */
export function consoleUser(): string {
  return `${currentUser()} (console)`;
}

/**
 * The console's buttons, each through the same control-plane code as the CLI: abort
 * and promote through the record the running `turnout deploy` reads (or, with no
 * orchestrator left, the abort `turnout deploy --abort` runs), a rollback through
 * `turnout rollback`'s `rollbackModule`, a retry as a new `turnout deploy` process, a
 * failover through `turnout failover`'s own function (which the CLI hands the console).
 * Every one is recorded with who and why.
 */
export function createConsoleActions(env: ConsoleEnvironment, launchers: ConsoleLaunchers) {
  const steer = (reason: string) => ({
    store: env.store,
    targets: env.targets,
    by: consoleUser(),
    reason,
  });
  return {
    async abort(id: string, reason: string) {
      return { outcome: await abortDeployment(id, steer(reason)) };
    },
    async promote(id: string, reason: string) {
      await promoteDeployment(id, steer(reason));
      return { outcome: 'requested' };
    },
    async retry(id: string, reason: string) {
      const record = await env.store.get(id);
      if (record.state === 'running' || record.state === 'succeeded')
        throw new ConsoleInputError(
          `Deployment ${id} ${record.state === 'running' ? 'is still running' : 'succeeded'}: only a deployment that ended otherwise can be retried.`,
        );
      if (!launchers.startDeploy)
        throw new ConsoleInputError(
          'This console cannot start deployments: run `turnout deploy` where the modules are.',
        );
      const modules = record.plan.waves.flat();
      const started = await launchers.startDeploy(modules);
      await env.store.event(id, {
        kind: 'decision',
        name: 'retry',
        detail: `retried by ${consoleUser()} (${reason}): \`turnout deploy ${modules.join(' ')}\` started as process ${started.pid}, its output in ${started.log}`,
      });
      return { outcome: 'started', ...started };
    },
    async rollback(module: string, reason: string, toVersion: string | undefined) {
      const deployments = await env.store.list();
      const results = [];
      for (const target of env.targets) {
        results.push(
          await rollbackModule({
            target,
            module,
            store: env.store,
            deployments,
            by: consoleUser(),
            reason,
            ...(toVersion ? { toVersion } : {}),
          }),
        );
      }
      return { outcome: 'rolled-back', results };
    },
    async failOver(
      regions: ConsoleRegions | undefined,
      request: { reason: string; region?: string; restore: boolean },
    ) {
      if (!regions)
        throw new ConsoleNotFoundError(
          'This environment has one Region: there is nothing to fail over to.',
        );
      if (request.region && !regions.names.includes(request.region))
        throw new ConsoleInputError(
          `${request.region} is not a Region of this environment: choose one of ${regions.names.join(', ')}.`,
        );
      const result = await regions.failOver({
        ...(request.region ? { to: request.region } : { restore: true }),
        reason: request.reason,
        by: consoleUser(),
      });
      return {
        outcome: result.changed ? 'switched' : 'unchanged',
        plan: result.plan,
        ...(result.record ? { record: result.record } : {}),
      };
    },
  };
}

export type ConsoleActions = ReturnType<typeof createConsoleActions>;
