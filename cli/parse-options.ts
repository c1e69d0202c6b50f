import { InvalidArgumentError, Option } from 'commander';
import { parseDuration } from '../control-plane/deploy/duration.ts';

/**
 * A duration option in milliseconds: `500ms`, `30s`, `5m`, `1h`, `2m30s`. A bare number
 * is refused before the command runs (commander prints the option's name with the reason).
 */
export function parseDurationOption(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/**
 * A duration option whose help shows its default as a duration (`default: 1m`), as it
 * must be written: the milliseconds commander would show are refused as a bare number.
 */
export function durationOption(flags: string, description: string, byDefault: string): Option {
  return new Option(flags, description)
    .argParser(parseDurationOption)
    .default(parseDurationOption(byDefault), byDefault);
}

/** A whole number, 0 or more. */
export function parseCountOption(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    throw new InvalidArgumentError(`"${value}" is not a count: give a whole number, 0 or more.`);
  }
  return count;
}

export function parsePortOption(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(
      `"${value}" is not a port: give a whole number from 0 to 65535.`,
    );
  }
  return port;
}
