/** Errors of the deployment pipeline. Each says what to do next. */

export class InvalidStrategyError extends Error {
  override readonly name = 'InvalidStrategyError';
  readonly code = 'INVALID_STRATEGY';

  constructor(strategy: string, reason?: string) {
    super(
      `"${strategy}" is not a traffic strategy${reason ? ` (${reason})` : ''}. Use AllAtOnce, ` +
        'Canary<P>Percent<N>Minutes (e.g. Canary10Percent5Minutes), Linear<P>PercentEvery<N>Minutes ' +
        '(e.g. Linear10PercentEvery1Minute), or the same with Seconds for local runs.',
    );
  }
}

export class DeploymentInProgressError extends Error {
  override readonly name = 'DeploymentInProgressError';
  readonly code = 'DEPLOYMENT_IN_PROGRESS';

  constructor(
    readonly module: string,
    readonly runningDeploymentId: string,
    /** When the running deployment's lease lapses (epoch ms), if its lock has one. */
    readonly leaseExpiresAt: number | undefined,
    now: number = Date.now(),
  ) {
    const id = runningDeploymentId;
    const lapsed = leaseExpiresAt === undefined || leaseExpiresAt <= now;
    super(
      `Module "${module}" is already being deployed by ${id}. ` +
        (lapsed
          ? `Its orchestrator stopped renewing its lease${leaseExpiresAt === undefined ? '' : ` at ${isoOf(leaseExpiresAt)}`}, so it is gone: ` +
            `\`turnout deploy --abort ${id}\` rolls it back and frees the module (or \`turnout deploy --resume ${id}\` finishes it); then deploy again.`
          : `Its orchestrator holds it until ${isoOf(leaseExpiresAt)} and keeps renewing: wait for it, or stop it with Ctrl-C where it runs (it rolls back). ` +
            `If that process is gone, \`turnout deploy --abort ${id}\` takes it over once the lease lapses.`),
    );
  }
}

export class LeaseHeldError extends Error {
  override readonly name = 'LeaseHeldError';
  readonly code = 'LEASE_HELD';

  constructor(
    readonly deploymentId: string,
    readonly module: string,
    readonly owner: string,
    readonly leaseExpiresAt: number,
  ) {
    super(
      `Deployment ${deploymentId} is still driven by its orchestrator (${owner}), whose lease on "${module}" runs until ${isoOf(leaseExpiresAt)}. ` +
        'Stop it with Ctrl-C where it runs (it rolls back by itself); if that process is gone, run this again once the lease has lapsed.',
    );
  }
}

/** Why a deployment stops early at a safe point: the AbortSignal's reason. */
export class DeploymentInterruptedError extends Error {
  override readonly name = 'DeploymentInterruptedError';
  readonly code = 'DEPLOYMENT_INTERRUPTED';

  /** @param why what the record says, e.g. `interrupted by SIGINT` */
  constructor(readonly why: string) {
    super(
      `Deployment ${why}: every module in flight went back to its stable version. Deploy again when ready.`,
    );
  }
}

/** Someone else ended the deployment (`--abort` took it over): its orchestrator touches nothing more. */
export class DeploymentEndedError extends Error {
  override readonly name = 'DeploymentEndedError';
  readonly code = 'DEPLOYMENT_ENDED';

  constructor(
    readonly deploymentId: string,
    detail: string,
  ) {
    super(
      `Deployment ${deploymentId} ${detail}: this orchestrator stopped and left every module as it is. \`turnout status\` shows what happened.`,
    );
  }
}

/** A module was changed outside the deployment (a manual rollback): it is left as it is. */
export class ModuleInterruptedError extends Error {
  override readonly name = 'ModuleInterruptedError';
  readonly code = 'MODULE_INTERRUPTED';

  constructor(
    readonly deploymentId: string,
    readonly module: string,
    readonly target: string,
  ) {
    super(
      `Module "${module}" in ${target} was interrupted by a manual rollback while ${deploymentId} deployed it: left as the rollback put it. Deploy it again when ready.`,
    );
  }
}

export class DeploymentNotRunningError extends Error {
  override readonly name = 'DeploymentNotRunningError';
  readonly code = 'DEPLOYMENT_NOT_RUNNING';

  constructor(
    readonly deploymentId: string,
    readonly state: string,
    reason: string | undefined,
  ) {
    super(
      `Deployment ${deploymentId} is not running: it ${state === 'succeeded' ? 'succeeded' : `ended ${state}${reason ? ` (${reason})` : ''}`}. ` +
        'There is nothing to resume; deploy again with `turnout deploy <modules>`.',
    );
  }
}

export class ResumeRefusedError extends Error {
  override readonly name = 'ResumeRefusedError';
  readonly code = 'RESUME_REFUSED';

  constructor(
    readonly deploymentId: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Deployment ${deploymentId} will not be resumed: ${problems.join('; ')}. ` +
        'Someone changed these modules outside the deployment (a `turnout rollback`?), and resuming would undo it. Nothing was changed. ' +
        `\`turnout deploy --abort ${deploymentId}\` ends it, leaving those modules as they are and rolling back any other module in flight.`,
    );
  }
}

/** An error the deployment could not roll back from: it is left for `--resume` or `--abort`. */
export class DeploymentLeftRunningError extends Error {
  override readonly name = 'DeploymentLeftRunningError';
  readonly code = 'DEPLOYMENT_LEFT_RUNNING';

  constructor(
    readonly deploymentId: string,
    options: { cause: unknown },
  ) {
    const message = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(
      `Deployment ${deploymentId} stopped on an error it could not recover from: ${message}. ` +
        `It keeps its modules locked until its lease lapses; then \`turnout deploy --resume ${deploymentId}\` finishes it, or \`turnout deploy --abort ${deploymentId}\` rolls it back.`,
      options,
    );
  }
}

export class DeploymentNotFoundError extends Error {
  override readonly name = 'DeploymentNotFoundError';
  readonly code = 'DEPLOYMENT_NOT_FOUND';

  constructor(readonly deploymentId: string) {
    super(`There is no deployment ${deploymentId}: \`turnout status\` lists the recent ones.`);
  }
}

export class NothingToRollBackError extends Error {
  override readonly name = 'NothingToRollBackError';
  readonly code = 'NOTHING_TO_ROLL_BACK';

  constructor(
    readonly module: string,
    readonly liveVersion: string,
  ) {
    super(
      `Module "${module}" serves version ${liveVersion}, and there is no earlier version to go back to.`,
    );
  }
}

/** A rollback to a version the module cannot go back to. */
export class InvalidRollbackTargetError extends Error {
  override readonly name = 'InvalidRollbackTargetError';
  readonly code = 'INVALID_ROLLBACK_TARGET';

  constructor(
    readonly module: string,
    readonly version: string,
    why: string,
  ) {
    super(
      `Module "${module}" cannot be rolled back to version ${version}: ${why}. The console's module page (\`turnout console\`) lists its versions.`,
    );
  }
}

function isoOf(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** A promote asked of a deployment nobody drives: only its orchestrator can promote. */
export class NoOrchestratorError extends Error {
  override readonly name = 'NoOrchestratorError';
  readonly code = 'NO_ORCHESTRATOR';

  constructor(readonly deploymentId: string) {
    super(
      `Deployment ${deploymentId} has no orchestrator driving it (its lease lapsed), so nothing can promote it now. ` +
        `\`turnout deploy --resume ${deploymentId}\` drives it again (then promote), or abort it.`,
    );
  }
}
