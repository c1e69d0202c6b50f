import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context as LambdaContext } from 'aws-lambda';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './errors.ts';

export interface IdempotencyStoreOptions {
  /** The client of the module's tables (the store sends it DynamoDB's own commands). */
  documents: DynamoDBDocumentClient;
  /** The physical name of the module's idempotency table (IDEMPOTENCY_TABLE). */
  tableName: string;
  /** How long a key's answer is replayed. @default 3600 (an hour) */
  expiresAfterSeconds?: number;
}

/** One write to run once per key. */
export interface IdempotentWrite {
  /** What identifies the write: the caller and the client's Idempotency-Key, at least. */
  key: unknown[];
  /** What the write was asked: the same key with a different payload is refused. */
  payload: unknown;
  /**
   * How long the write may still run (the Lambda's remaining time): until then a second
   * attempt with the key is told the first is in progress; after it, a retry runs again
   * (the first died). @default 60_000
   */
  remainingTimeMs?: number;
}

export interface IdempotencyStore {
  /**
   * Runs `work` once per key and answers its result to every later attempt with the key,
   * for `expiresAfterSeconds`. A `work` that throws is not recorded: a retry runs it
   * again. Throws IdempotencyKeyInUseError (409) while another attempt runs, and
   * IdempotencyKeyReusedError (422) for the key with another payload.
   */
  run<T>(write: IdempotentWrite, work: () => Promise<T>): Promise<T>;
}

/**
 * Idempotent writes on Powertools for AWS Lambda's idempotency utility, its records in a
 * table the module owns: a client that retries a write after a timeout (the first
 * attempt may have been applied anyway) gets the first answer instead of a second write.
 * The kit's `idempotentWrites` (REST) and `idempotentResolver` (GraphQL) use it.
 *
 * @example
 * const idempotency = createIdempotencyStore({ documents, tableName: tables.idempotency.name });
 */
export function createIdempotencyStore(options: IdempotencyStoreOptions): IdempotencyStore {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'key',
    payloadValidationJmesPath: 'payload',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: options.expiresAfterSeconds ?? 3600,
  });
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName: options.tableName,
    awsSdkV3Client: options.documents as never,
  });
  const once = makeIdempotent(
    (_write: IdempotentWrite, work: () => Promise<unknown>) => work(),
    // One prefix whatever the function's name, so a renamed function still finds its records.
    { persistenceStore, config, keyPrefix: 'turnout' },
  );
  return {
    async run(write, work) {
      const remaining = write.remainingTimeMs ?? 60_000;
      config.registerLambdaContext({ getRemainingTimeInMillis: () => remaining } as LambdaContext);
      try {
        return (await once(write, work)) as Awaited<ReturnType<typeof work>>;
      } catch (error) {
        throw asKitError(error);
      }
    },
  };
}

function asKitError(error: unknown): unknown {
  const name = (error as { name?: unknown })?.name;
  if (name === 'IdempotencyAlreadyInProgressError')
    return new IdempotencyKeyInUseError({ cause: error });
  if (name === 'IdempotencyValidationError') return new IdempotencyKeyReusedError({ cause: error });
  return error;
}
