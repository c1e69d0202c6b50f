import { parse } from 'graphql';
import type { SmokeCheck } from '../../modules/kit/index.ts';

/**
 * Whether a smoke check only reads: a GraphQL query (no mutation or subscription), or a
 * REST GET or HEAD. A check whose query does not parse reads nothing.
 *
 * @example
 * smokeCheckReadsOnly({ name: 'reads', rest: { method: 'GET', path: '/hello' } }); // true
 */
export function smokeCheckReadsOnly(check: SmokeCheck): boolean {
  if (!('graphql' in check)) return ['GET', 'HEAD'].includes(check.rest.method);
  try {
    return parse(check.graphql.query).definitions.every(
      (d) => d.kind !== 'OperationDefinition' || d.operation === 'query',
    );
  } catch {
    return false;
  }
}
