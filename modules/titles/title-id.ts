import { InvalidTitleIdError } from './errors.ts';

const TITLE_ID = /^tt\d{7,8}$/;

/** Whether `value` has the shape of an IMDb title id (e.g. `tt0089374`). */
export function isTitleId(value: string): boolean {
  return TITLE_ID.test(value);
}

/**
 * The id itself when it is a title id, else an `InvalidTitleIdError` (BAD_USER_INPUT).
 *
 * @example parseTitleId('tt0089374') // 'tt0089374'
 */
export function parseTitleId(value: string): string {
  if (!isTitleId(value)) throw new InvalidTitleIdError(value);
  return value;
}
