import { InvalidArgumentError } from './errors.ts';

/**
 * `value` when it is a whole number within [min, max], else an `InvalidArgumentError`
 * that names the argument and its range.
 *
 * @example checkCount('first', 50, { min: 1, max: 100 }) // 50
 */
export function checkCount(
  argument: string,
  value: number,
  range: { min: number; max: number },
): number {
  if (Number.isInteger(value) && value >= range.min && value <= range.max) return value;
  throw new InvalidArgumentError(
    argument,
    `"${argument}" is ${value}: give a whole number from ${range.min} to ${range.max}.`,
  );
}
