/** Errors of the stacks: each says what is wrong and how to fix it before anything deploys. */

/** `TURNOUT_UNIT` is missing or names no module. */
export class UnitError extends Error {
  override readonly name = 'UnitError';

  constructor(
    readonly code: 'UNIT_NOT_SET' | 'UNKNOWN_UNIT',
    message: string,
  ) {
    super(message);
  }
}

/** The stage is not `<environment>-<region>`, e.g. `prod-us-east-1`. */
export class StageFormatError extends Error {
  override readonly name = 'StageFormatError';
  readonly code = 'INVALID_STAGE';

  constructor(readonly stage: string) {
    super(
      `The stage "${stage}" is not <environment>-<region>. Pass one stage per environment and Region, e.g. \`--stage prod-us-east-1\` or \`--stage staging-eu-west-1\`.`,
    );
  }
}

export type ImpossibleManifestCode =
  | 'REST_PREFIX_TAKEN'
  | 'DUPLICATE_REST_PREFIX'
  | 'UNKNOWN_TABLE'
  | 'STREAM_NOT_ENABLED'
  | 'REPLICA_STREAM_VIEW'
  | 'REPLICA_IN_HOME_REGION'
  | 'ATTRIBUTE_TYPE_CONFLICT'
  | 'VISIBILITY_TIMEOUT_TOO_SHORT'
  | 'FIFO_BATCH_TOO_LARGE'
  | 'RESERVED_NAME'
  | 'NAME_MISMATCH'
  | 'NAME_TOO_LONG';

/**
 * A manifest that is valid on its own but cannot be deployed: it clashes with another
 * module or asks AWS for something AWS refuses. Thrown before any resource is declared.
 */
export class ImpossibleManifestError extends Error {
  override readonly name = 'ImpossibleManifestError';

  constructor(
    readonly code: ImpossibleManifestCode,
    readonly module: string,
    message: string,
  ) {
    super(`Module "${module}" cannot be deployed: ${message}`);
  }
}

/** A deploy-wide setting (an environment variable, stacks/README.md) that cannot work. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  constructor(
    readonly code:
      | 'INVALID_ALARM_SUBSCRIBER'
      | 'AUTH_HALF_CONFIGURED'
      | 'INVALID_JWKS_URL'
      | 'AUTH_SEVERAL_ISSUERS'
      | 'HEALTH_TOKEN_TOO_SHORT'
      | 'INVALID_ROUTING_CONTROLS',
    message: string,
  ) {
    super(message);
  }
}
