import { UnprocessedItemsError } from './errors.ts';

const MAX_ATTEMPTS = 8;

/**
 * Sends a batch, then again what DynamoDB hands back unprocessed, backing off between
 * attempts (unprocessed items mean the table is throttling), until nothing is left.
 * After eight attempts it throws an `UnprocessedItemsError` with `giveUpMessage(left)`.
 */
export async function retryUnprocessed<T>(
  batch: T[],
  send: (pending: T[]) => Promise<T[]>,
  giveUpMessage: (left: number) => string,
): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= MAX_ATTEMPTS) throw new UnprocessedItemsError(giveUpMessage(pending.length));
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    pending = await send(pending);
  }
}
