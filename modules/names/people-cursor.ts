import { InvalidArgumentError } from './errors.ts';
import { isNameId } from './name-id.ts';

/** An opaque cursor for the page after the person with this id. */
export function encodePeopleCursor(afterId: string): string {
  return Buffer.from(JSON.stringify({ after: afterId })).toString('base64url');
}

/** The person id inside a cursor from `encodePeopleCursor`; anything else is refused. */
export function decodePeopleCursor(cursor: string): string {
  let after: unknown;
  try {
    after = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))?.after;
  } catch (error) {
    throw refusal({ cause: error });
  }
  if (typeof after !== 'string' || !isNameId(after)) throw refusal();
  return after;
}

function refusal(options?: { cause?: unknown }) {
  return new InvalidArgumentError(
    'after',
    '"after" is not a cursor this graphlet handed out: pass the nextCursor of the previous page as is.',
    options,
  );
}
