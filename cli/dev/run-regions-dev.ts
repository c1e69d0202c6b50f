import { registerTypeScript } from '../register-typescript.ts';
import type { StopListener } from '../wait-for-stop-signal.ts';
import { startDevConsole } from './start-dev-console.ts';
import { startRegionsDev } from './start-regions-dev.ts';

/**
 * `turnout dev --regions`: starts every Region and the console (its Regions page on the
 * Regions started), says where each is, waits for Ctrl-C.
 */
export async function runRegionsDev(
  options: {
    port: number;
    root: string;
    regions: string[];
    healthCheck?: { intervalMs: number; failureThreshold: number };
  },
  stop: StopListener,
): Promise<void> {
  const started = Date.now();
  await registerTypeScript(); // each module's manifest and seed are TypeScript
  const dev = await startRegionsDev({ ...options, log: (line) => console.log(line) });
  if (stop.asked) return dev.stop();
  const devConsole = await startDevConsole(options.root).catch(async (error: unknown) => {
    await dev.stop(); // nothing left running behind a failed start
    throw error;
  });
  const { multiRegion } = dev.endpoints;
  stop.started();
  console.log(
    `\nTurnout is running in ${dev.regions.length} Regions (${Date.now() - started} ms):`,
  );
  console.log(
    `  front door ${multiRegion.frontDoor}  (a LOCAL STAND-IN for Route 53 latency routing: clients use this)`,
  );
  for (const r of multiRegion.regions)
    console.log(
      `  ${r.region.padEnd(14)} gateway ${r.gateway}  lambda ${r.lambda}  dynamodb ${r.dynamodb}`,
    );
  console.log(
    `  ARC cluster ${multiRegion.recoveryCluster.endpoints.map((e) => e.endpoint).join(' ')}`,
  );
  console.log(`  console     ${devConsole.openUrl}`);
  console.log(`  endpoints written to ${dev.endpointsFile}\nPress Ctrl-C to stop.`);
  await stop.signal;
  console.log('\nStopping...');
  await devConsole.stop();
  await dev.stop();
}
