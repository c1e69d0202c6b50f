import type { Context as LambdaContext } from 'aws-lambda';
import type { MiddlewareHandler } from 'hono';
import type { IdempotencyStore } from './create-idempotency-store.ts';
import { restIdentity } from './rest-identity.ts';

/** An answer as stored for replay. */
interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An answer that is not stored (a 5xx): a retry with the key must run the write again. */
class UnstoredAnswer extends Error {
  constructor(readonly response: Response) {
    super('not stored');
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Makes a REST module's writes idempotent: a POST, PUT or PATCH with an
 * `Idempotency-Key` header runs once per caller and key (the store, on Powertools'
 * idempotency utility), and a retry gets the first answer again, marked
 * `idempotent-replayed: true`, even when the first attempt's answer never reached the
 * client. The key is the caller's own (scoped by the verified subject): another caller's
 * same key is another write. The same key with another method, path or body is refused
 * (422 IDEMPOTENCY_KEY_REUSED); one still running answers 409 IDEMPOTENCY_KEY_IN_USE.
 * 5xx answers are not kept, so a retry runs again. Requests without the header run as before.
 *
 * @example
 * const app = useRestErrors(new Hono());
 * app.use(idempotentWrites(createIdempotencyStore({ documents, tableName })));
 */
export function idempotentWrites(store: IdempotencyStore): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || !WRITES.has(c.req.method)) return next();
    const caller = restIdentity(c)?.sub ?? 'anonymous';
    const lambdaContext = (c.env as { lambdaContext?: LambdaContext } | undefined)?.lambdaContext;
    let ran = false;
    try {
      const answer = await store.run(
        {
          key: [caller, key],
          payload: [c.req.method, c.req.path, await c.req.text()],
          remainingTimeMs: lambdaContext?.getRemainingTimeInMillis(),
        },
        async (): Promise<StoredAnswer> => {
          ran = true;
          await next();
          if (c.res.status >= 500) throw new UnstoredAnswer(c.res);
          return storedAnswer(c.res);
        },
      );
      if (!ran) c.res = replay(answer);
    } catch (error) {
      if (!(error instanceof UnstoredAnswer)) throw error;
      c.res = error.response;
    }
  };
}

async function storedAnswer(response: Response): Promise<StoredAnswer> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: response.status, headers, body: await response.clone().text() };
}

function replay(answer: StoredAnswer): Response {
  return new Response(answer.body, {
    status: answer.status,
    headers: { ...answer.headers, 'idempotent-replayed': 'true' },
  });
}
