/** Errors of the navigate module. */

/** The facility graph has no facility with this id. */
export class FacilityNotFoundError extends Error {
  override readonly name = 'FacilityNotFoundError';
  readonly code = 'FACILITY_NOT_FOUND';
  readonly statusCode = 404;

  constructor(readonly facilityId: string) {
    super(`There is no facility "${facilityId}": check the id (e.g. "DFW7").`);
  }
}

/** Both facilities exist, but no road connects them. */
export class NoRouteError extends Error {
  override readonly name = 'NoRouteError';
  readonly code = 'NO_ROUTE';
  readonly statusCode = 404;

  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(
      `There is no road route from ${from} to ${to}: the facility graph does not connect them.`,
    );
  }
}

/** A route from a facility to itself was asked for. */
export class SameFacilityError extends Error {
  override readonly name = 'SameFacilityError';
  readonly code = 'SAME_FACILITY';
  readonly statusCode = 400;

  constructor(readonly facilityId: string) {
    super(`"from" and "to" are both ${facilityId}: give two different facilities.`);
  }
}
