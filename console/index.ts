export type {
  ConsoleEnvironment,
  ConsoleLaunchers,
  ConsoleRegions,
} from './console-environment.ts';
export { ConsoleInputError, ConsoleNotFoundError, ReadOnlyConsoleError } from './errors.ts';
export { CONSOLE_COOKIE, CONSOLE_TOKEN_HEADER } from './require-console-token.ts';
export { type ConsoleServer, type StartConsoleOptions, startConsole } from './start-console.ts';
