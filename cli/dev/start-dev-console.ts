import type { ConsoleServer } from '../../console/index.ts';
import { createDeployLauncher } from '../launch-deploy.ts';
import { openEnvironment } from '../open-environment.ts';
import { openConsoleRegions } from '../regions/open-console-regions.ts';

/**
 * The console `turnout dev` (and `turnout dev --regions`) starts beside the gateway: it
 * reads the environment through the endpoints file dev has just written, as
 * `turnout console` would, with the Regions page when dev runs several Regions.
 */
export async function startDevConsole(root: string): Promise<ConsoleServer> {
  const { startConsole } = await import('../../console/index.ts');
  const env = await openEnvironment({ root });
  const regions = await openConsoleRegions(root).catch((error: unknown) => {
    env.close();
    throw error;
  });
  const close = () => {
    env.close();
    regions?.close();
  };
  try {
    const server = await startConsole({
      env,
      ...(regions ? { regions } : {}),
      launchers: { startDeploy: createDeployLauncher({ root }) },
    });
    const stop = async () => {
      await server.stop();
      close();
    };
    return { ...server, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    close();
    throw error;
  }
}
