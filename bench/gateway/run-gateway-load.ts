import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { SupergraphGeneration } from '../../contracts/registry.ts';
import type { AwsCredentials } from '../../gateway/invoke/read-credentials-from-env.ts';
import { bundleLikeGatewayLambda } from './bundle-like-gateway-lambda.ts';
import { lambdaLikeEnv } from './lambda-like-env.ts';
import type { ClosedLoopFigures } from './measure-closed-loop.ts';

/** What gateway-load-runner.ts runs: a gateway, a Lambda endpoint on loopback, a load. */
export interface GatewayLoadSettings {
  region: string;
  /** A local Lambda endpoint (127.0.0.1 or localhost); the runner refuses any other. */
  lambdaEndpoint: string;
  credentials: AwsCredentials;
  /** The generation the gateway serves, as the registry holds it. */
  generation: SupergraphGeneration;
  /** `createGateway`'s `queryPlanner`: false sends every operation through graphql-tools. */
  queryPlanner: boolean;
  /** GraphQL request bodies (JSON text), sent in turn. */
  bodies: string[];
  /** Sent in turn instead of `bodies` when given: any request, REST or GraphQL. */
  httpRequests?: BenchHttpRequest[];
  /** Requests served before the measured window (JIT, caches, keep-alive connections). */
  warmupRequests: number;
  requests: number;
  /** @default 16 */
  concurrency?: number;
  /** For warm-up and measurement together; the runner exits by then whatever happens. @default 120 */
  timeLimitSeconds?: number;
}

/** One request of a load, as a client sends it to the gateway. */
export interface BenchHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** JSON text. */
  body?: string;
}

/** What the runner prints: its closed loop, its invokes and its own peak RSS. */
export interface GatewayLoadFigures extends ClosedLoopFigures {
  queryPlanner: boolean;
  /** Lambda invokes the gateway sent over the window, per request. */
  invokesPerRequest: number;
  /** process.resourceUsage().maxRSS of the runner process over its whole life, in MiB. */
  peakRssMiB: number;
}

const root = join(import.meta.dirname, '..', '..');
const workDirectory = join(root, '.turnout', 'bench');
let bundled: Promise<string> | undefined;

/**
 * Runs `settings` in a fresh process: gateway-load-runner.ts bundled as the gateway Lambda
 * is (once per benchmark run), started with `NODE_ENV=production` and without the
 * sandbox's CA variable (lambda-like-env.ts). Its CPU and RSS are the gateway's alone.
 *
 * @example
 * const figures = await runGatewayLoad({ ...settings, queryPlanner: true, requests: 400 });
 */
export async function runGatewayLoad(settings: GatewayLoadSettings): Promise<GatewayLoadFigures> {
  bundled ??= bundleRunner();
  const bundle = await bundled;
  const settingsFile = join(workDirectory, `gateway-load-${process.pid}.json`);
  await writeFile(settingsFile, JSON.stringify(settings));
  // TURNOUT_BENCH_CPU_PROF=1 writes a V8 CPU profile of each gateway process, to see where its CPU goes.
  const profile = process.env.TURNOUT_BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', join(workDirectory, 'profiles')]
    : [];
  const child = spawn(process.execPath, [...profile, bundle, settingsFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: lambdaLikeEnv(),
  });
  const exited = once(child, 'exit');
  try {
    const lines = createInterface({ input: child.stdout });
    for await (const line of lines) {
      if (!line.startsWith('{')) continue;
      await exited;
      return JSON.parse(line) as GatewayLoadFigures;
    }
    const [code] = (await exited) as [number | null];
    throw new Error(`gateway-load-runner exited with ${code} before printing its figures`);
  } finally {
    await rm(settingsFile, { force: true });
  }
}

async function bundleRunner(): Promise<string> {
  await mkdir(workDirectory, { recursive: true });
  const outfile = join(workDirectory, 'gateway-load-runner.mjs');
  await bundleLikeGatewayLambda(join(import.meta.dirname, 'gateway-load-runner.ts'), outfile);
  return outfile;
}
