import { randomBytes } from 'node:crypto';
import type {
  ConsoleEnvironment,
  ConsoleLaunchers,
  ConsoleRegions,
} from './console-environment.ts';
import { createConsoleApp } from './create-console-app.ts';
import { serveFetchHandler } from './serve-fetch-handler.ts';

export interface StartConsoleOptions {
  env: ConsoleEnvironment;
  /** @default a free port */
  port?: number;
  /** Shows, never acts. */
  readOnly?: boolean;
  launchers?: ConsoleLaunchers;
  /** The environment's Regions, when it has several: the Regions page and its failover switch. */
  regions?: ConsoleRegions;
  /** @default a fresh random one */
  token?: string;
  refresh?: { recordMs?: number; healthMs?: number };
}

export interface ConsoleServer extends AsyncDisposable {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  token: string;
  /** What to open: `http://127.0.0.1:<port>/?token=...`. */
  openUrl: string;
  stop(): Promise<void>;
}

/**
 * Serves the operator console on 127.0.0.1: the fleet, each deployment live, each
 * module, and the actions an operator needs, for whoever holds the token it prints.
 *
 * @example
 * const console = await startConsole({ env: await openEnvironment({ root }) });
 * print(console.openUrl);
 */
export async function startConsole(options: StartConsoleOptions): Promise<ConsoleServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const app = createConsoleApp({
    env: options.env,
    token,
    readOnly: options.readOnly ?? false,
    launchers: options.launchers ?? {},
    ...(options.regions ? { regions: options.regions } : {}),
    ...(options.refresh ? { refresh: options.refresh } : {}),
  });
  const served = await serveFetchHandler(app.fetch, { port: options.port ?? 0 });
  const url = `http://127.0.0.1:${served.port}`;
  return {
    url,
    token,
    openUrl: `${url}/?token=${token}`,
    stop: served.stop,
    [Symbol.asyncDispose]: served.stop,
  };
}
