import { GRAPHQL_CLIENT_ERROR_CODES } from '../../contracts/module-metrics.ts';

/**
 * GraphQL error codes that blame the request, not the module: a version that answers
 * them is doing its job (health counts any other error, or one without a code, as the
 * module failing: gateway/HEALTH.md). One list with the kit's metrics (contract 6).
 */
export const CLIENT_ERROR_CODES: ReadonlySet<string> = GRAPHQL_CLIENT_ERROR_CODES;

/**
 * The codes whose message a module writes for the client (a bad id, a missing record,
 * no access), so the gateway passes it on outside development. Every other module error
 * is masked: its text may name tables, functions or the module's schema. Parse and
 * validation errors are left out: the gateway printed the query, so they describe the
 * module's schema, suggestions included, not the client's request.
 */
export const CLIENT_MESSAGE_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'IDEMPOTENCY_KEY_IN_USE',
  'IDEMPOTENCY_KEY_REUSED',
]);
