/** Errors of the awards module. */

/** The function was deployed without the address of the awards service. */
export class AwardsServiceConfigError extends Error {
  override readonly name = 'AwardsServiceConfigError';
  readonly code = 'AWARDS_SERVICE_NOT_CONFIGURED';

  constructor() {
    super(
      'The awards graphlet does not know where the awards service is: set ' +
        'TURNOUT_AWARDS_SERVICE_URL in its environment (the local cloud and the module stack set it).',
    );
  }
}

/** The awards service did not answer in time, or answered something unusable. */
export class AwardsServiceError extends Error {
  override readonly name = 'AwardsServiceError';
  readonly code = 'AWARDS_SERVICE_UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
