import * as z from 'zod';
import { InvalidCursorError } from './errors.ts';

const cursorKeySchema = z.strictObject({ driverId: z.string(), messageId: z.string() });

export type MessageKey = z.output<typeof cursorKeySchema>;

/** Wraps DynamoDB's LastEvaluatedKey as an opaque base64url string. */
export function encodeMessageCursor(key: MessageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * Unwraps a cursor from `encodeMessageCursor`, refusing one that is not ours or that
 * belongs to another driver (it would page through someone else's messages).
 */
export function decodeMessageCursor(cursor: string, driverId: string): MessageKey {
  let key: MessageKey;
  try {
    key = cursorKeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch (error) {
    throw new InvalidCursorError(
      'The cursor is not one this API handed out: pass the nextCursor of the previous page as is.',
      { cause: error },
    );
  }
  if (key.driverId !== driverId) {
    throw new InvalidCursorError(
      `The cursor belongs to another driver's list, not to driver "${driverId}".`,
    );
  }
  return key;
}
