import type { GraphQLFormattedError } from 'graphql';
import { GRAPHQL_CLIENT_ERROR_CODES } from '../../contracts/module-metrics.ts';

/** How a request ended, as its client saw it. */
export type RequestOutcome = 'ok' | 'client-error' | 'server-error';

/** A REST answer's outcome, from its status. */
export function outcomeOfStatus(statusCode: number): RequestOutcome {
  if (statusCode >= 500) return 'server-error';
  return statusCode >= 400 ? 'client-error' : 'ok';
}

/**
 * A graphlet answer's outcome, judged as the gateway judges it: any error whose code is
 * not a client's (or that has none: a resolver that threw) is the module failing.
 */
export function outcomeOfGraphletErrors(
  errors: readonly GraphQLFormattedError[] | undefined,
): RequestOutcome {
  if (!errors?.length) return 'ok';
  const blamesModule = errors.some(
    (error) => !GRAPHQL_CLIENT_ERROR_CODES.has(String(error.extensions?.code ?? '')),
  );
  return blamesModule ? 'server-error' : 'client-error';
}
