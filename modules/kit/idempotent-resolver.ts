import type { GraphQLResolveInfo } from 'graphql';
import type { IdempotencyStore } from './create-idempotency-store.ts';
import { graphletIdentity } from './graphlet-identity.ts';

type Resolver<TArgs, TResult> = (
  parent: unknown,
  args: TArgs,
  context: Record<string, unknown>,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

/**
 * Makes a mutation resolver idempotent: when the client sent an `Idempotency-Key` (the
 * gateway passes it as `context.idempotencyKey`), the resolver runs once per caller,
 * key and field of the operation, and a retry gets the first result again. Without a key
 * it runs as before. The result must be plain JSON (it is stored). The same key with
 * other arguments is refused (IDEMPOTENCY_KEY_REUSED); one still running answers
 * IDEMPOTENCY_KEY_IN_USE.
 *
 * @example
 * Mutation: { rateTitle: idempotentResolver(idempotency, (_, args, context) => castVote(...)) }
 */
export function idempotentResolver<TArgs, TResult>(
  store: IdempotencyStore,
  resolver: Resolver<TArgs, TResult>,
): Resolver<TArgs, TResult> {
  return (parent, args, context, info) => {
    const key = context?.idempotencyKey;
    if (typeof key !== 'string' || key === '') return resolver(parent, args, context, info);
    const caller = graphletIdentity(context)?.sub ?? 'anonymous';
    return store.run(
      // The response key: an operation that calls the field twice (with aliases) makes two writes.
      { key: [caller, key, info.path.key], payload: [info.fieldName, args] },
      async () => resolver(parent, args, context, info),
    );
  };
}
