import { createHash, timingSafeEqual } from 'node:crypto';
import { HEALTH_TOKEN_HEADER } from '../../contracts/health-samples.ts';
import { BadRequestError } from '../errors.ts';

/**
 * Whether a request may read the detailed health samples: it must carry the gateway's
 * health token in `x-turnout-health-token`. Undefined when it may; else the refusal:
 * 401 `HEALTH_TOKEN_REQUIRED` without the header, 403 `HEALTH_TOKEN_REFUSED` with a wrong
 * one or when the gateway has no token (then nobody may: samples name functions,
 * versions and error rates, which are not for the public).
 *
 * @example
 * const refused = checkHealthToken(request.headers, options.healthToken);
 * if (refused) return errorResponse(refused.statusCode, refused.code, refused.message);
 */
export function checkHealthToken(
  headers: Readonly<Record<string, string>>,
  expected: string | undefined,
): BadRequestError | undefined {
  const sent = headers[HEALTH_TOKEN_HEADER];
  if (sent === undefined) {
    return new BadRequestError(
      'HEALTH_TOKEN_REQUIRED',
      401,
      `The health samples need the gateway's health token in the ${HEALTH_TOKEN_HEADER} header; /_turnout/live says whether the gateway is up without one.`,
    );
  }
  if (expected === undefined || expected === '') {
    return new BadRequestError(
      'HEALTH_TOKEN_REFUSED',
      403,
      'This gateway has no health token, so it serves its health samples to no one: set healthToken (TURNOUT_HEALTH_TOKEN) to read them.',
    );
  }
  if (!sameSecret(sent, expected)) {
    return new BadRequestError(
      'HEALTH_TOKEN_REFUSED',
      403,
      `The ${HEALTH_TOKEN_HEADER} header does not carry this gateway's health token.`,
    );
  }
  return undefined;
}

/** Compares digests, so neither the time taken nor a length check says how much matched. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
