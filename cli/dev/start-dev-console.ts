import type { ConsoleServer } from '../../console/index.ts';
import { createDeployLauncher } from '../launch-deploy.ts';
import { openEnvironment } from '../open-environment.ts';

/**
 * The console `turnout dev` starts beside the gateway: it reads the environment through
 * the endpoints file dev has just written, as `turnout console` would.
 */
export async function startDevConsole(root: string): Promise<ConsoleServer> {
  const { startConsole } = await import('../../console/index.ts');
  const env = await openEnvironment({ root });
  try {
    const server = await startConsole({
      env,
      launchers: { startDeploy: createDeployLauncher({ root }) },
    });
    const stop = async () => {
      await server.stop();
      env.close();
    };
    return { ...server, stop, [Symbol.asyncDispose]: stop };
  } catch (error) {
    env.close();
    throw error;
  }
}
