import { InvalidNameIdError } from './errors.ts';

const NAME_ID = /^nm\d{7,8}$/;

/** Whether `value` has the shape of an IMDb name id (e.g. `nm0000329`). */
export function isNameId(value: string): boolean {
  return NAME_ID.test(value);
}

/**
 * The id itself when it is a name id, else an `InvalidNameIdError` (BAD_USER_INPUT).
 *
 * @example parseNameId('nm0000329') // 'nm0000329'
 */
export function parseNameId(value: string): string {
  if (!isNameId(value)) throw new InvalidNameIdError(value);
  return value;
}
