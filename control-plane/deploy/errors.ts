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
  ) {
    super(
      `Module "${module}" is already being deployed by ${runningDeploymentId}. Wait for it, ` +
        `or resume it with \`turnout deploy --resume ${runningDeploymentId}\` if its orchestrator died.`,
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
