/** Errors of the awards module. */

/** The function was deployed without the address of the awards service. */
export class AwardsServiceConfigError extends Error {
  override readonly name = 'AwardsServiceConfigError';
  readonly code = 'AWARDS_SERVICE_NOT_CONFIGURED';

  constructor() {
    super(
      'The awards graphlet does not know where the awards service is: TURNOUT_AWARDS_SERVICE_URL ' +
        'is not in its environment. Its manifest declares it, so the module stack sets it from the ' +
        "stage's AWARDS_SERVICE_URL (`AWARDS_SERVICE_URL=https://... npx sst deploy --stage <stage>`, " +
        'then release a version so it takes the variable along) and the local cloud from its legacy awards service.',
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
