import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000 };

/** `500ms`, `30s`, `5m` (or a plain number of milliseconds) for a command-line option. */
export function parseDurationOption(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (!match)
    throw new InvalidArgumentError(`"${value}" is not a duration: write e.g. 500ms, 30s or 5m.`);
  return Number(match[1]) * (UNITS[match[2] ?? 'ms'] ?? 1);
}

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
