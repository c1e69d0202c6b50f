/**
 * The table a module keeps its idempotency records in, in the shape Powertools'
 * DynamoDB persistence layer expects (partition key `id`, expiry in `expiration`,
 * which TTL removes). Declare it among the module's tables so it is provisioned like the
 * others, locally and by the stacks:
 *
 * @example
 * defineModule({ ..., tables: { passes: {...}, idempotency: IDEMPOTENCY_TABLE } });
 */
export const IDEMPOTENCY_TABLE = {
  partitionKey: { name: 'id' },
  ttlAttribute: 'expiration',
} as const;
