import { createServer } from 'node:net';
import { readEndpointsFile } from './endpoints-file.ts';
import { GatewayPortTakenError } from './errors.ts';

/**
 * Fails at once when the gateway's port is taken, before anything starts (a taken port
 * used to fail only after a whole start). When the holder is another `turnout dev` of
 * this project, the error names its pid and URL from its endpoints file; a file whose
 * process has ended, or that names another port, is not taken for the holder.
 *
 * @throws GatewayPortTakenError
 * @example
 * await checkGatewayPort({ port: 4000, endpointsFile: '.turnout/endpoints.json' });
 */
export async function checkGatewayPort(options: {
  port: number;
  endpointsFile: string;
  host?: string;
}): Promise<void> {
  // Port 0 asks the OS for any free port: nothing to check.
  if (options.port === 0) return;
  if (await canListen(options.port, options.host ?? '127.0.0.1')) return;
  const running = await readEndpointsFile(options.endpointsFile).catch(() => undefined);
  const holder =
    running?.gateway && portOf(running.gateway) === options.port
      ? { pid: running.pid, gateway: running.gateway, startedAt: running.startedAt }
      : undefined;
  throw new GatewayPortTakenError(options.port, holder);
}

/** Listens and closes again; false only for a port in use (any other failure is thrown). */
function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    });
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

function portOf(url: string): number | undefined {
  try {
    return Number(new URL(url).port) || undefined;
  } catch {
    return undefined;
  }
}
