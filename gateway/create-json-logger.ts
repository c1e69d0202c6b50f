import type { Clock, Logger } from './types.ts';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

export interface JsonLoggerOptions {
  /** @default 'info' */
  level?: Level;
  /** Where each line goes. @default process.stdout */
  write?: (line: string) => void;
  clock?: Clock;
  /** Fields on every line, e.g. `{ service: 'gateway' }`. */
  base?: Record<string, unknown>;
}

/**
 * A logger that writes one JSON object per line, the format CloudWatch Logs Insights reads.
 *
 * @example
 * const logger = createJsonLogger({ level: 'warn' });
 * logger.warn('module failed', { module: 'ratings', requestId });
 */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const min = LEVELS.indexOf(options.level ?? 'info');
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const now = options.clock?.now ?? Date.now;
  const base = options.base ?? {};
  const log = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS.indexOf(level) < min) return;
    const line = { time: new Date(now()).toISOString(), level, message, ...base, ...fields };
    write(`${JSON.stringify(line, errorReplacer)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything, for tests and benchmarks. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

function errorReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { name, message } = value;
  const code = (value as { code?: unknown }).code;
  return { name, message, code, cause: value.cause, stack: value.stack };
}
