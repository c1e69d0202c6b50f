/**
 * The gateway alone under load, in a process of its own, so that process.cpuUsage() and
 * the peak RSS are the gateway's and nothing else's (no tsx, no benchmark, no modules).
 * run-gateway-load.ts bundles this file as the gateway Lambda is bundled and starts it
 * with `NODE_ENV=production`; its one argument names a JSON file of GatewayLoadSettings.
 *
 * It builds the gateway as the Lambda entry does (the lean invoker against the given
 * Lambda endpoint; the generation from the settings instead of the registry read), warms
 * it, then runs a closed loop through the Lambda handler, with API Gateway v2 events as
 * the Lambda runtime hands them, and prints one JSON line of GatewayLoadFigures. Bounded
 * in requests and in time; loopback only.
 */
import { readFileSync } from 'node:fs';
import { toApiGatewayEvent } from '../../contracts/rest-invoke-event.ts';
import { createGateway } from '../../gateway/create-gateway.ts';
import { createLambdaInvoker } from '../../gateway/invoke/create-lambda-invoker.ts';
import type { Invoker } from '../../gateway/invoke/types.ts';
import { createLambdaHandler } from '../../gateway/lambda.ts';
import { measureClosedLoop } from './measure-closed-loop.ts';
import type { GatewayLoadFigures, GatewayLoadSettings } from './run-gateway-load.ts';

const settings = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as GatewayLoadSettings;
const timeLimitMs = (settings.timeLimitSeconds ?? 120) * 1000;
// Whatever happens below, the process ends; 5 s of grace to print what it has.
setTimeout(() => process.exit(3), timeLimitMs + 5000).unref();

const { hostname } = new URL(settings.lambdaEndpoint);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
  throw new Error(`gateway-load-runner only loads a local endpoint, not ${hostname}`);
}
const lambda = createLambdaInvoker({
  region: settings.region,
  endpoint: settings.lambdaEndpoint,
  credentials: settings.credentials,
});
let invokes = 0;
const countedInvoke: Invoker = (request) => {
  invokes++;
  return lambda.invoke(request);
};
const gateway = createGateway({
  registry: { load: async () => settings.generation, peekNewest: async () => 1 },
  invoke: countedInvoke,
  pollIntervalMs: 3_600_000,
  queryPlanner: settings.queryPlanner,
});
await gateway.start();
const handler = createLambdaHandler(gateway);

const requests =
  settings.httpRequests ??
  settings.bodies.map((body) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json' },
    body,
  }));
const events = requests.map((request) =>
  toApiGatewayEvent(
    {
      method: request.method,
      path: request.path,
      rawQueryString: '',
      headers: { ...request.headers, host: 'gateway.bench' },
      ...(request.body === undefined ? {} : { body: Buffer.from(request.body) }),
    },
    { requestId: 'load', now: Date.now() },
  ),
);
const send = (index: number) => {
  const event = events[index % events.length];
  if (!event) throw new Error('gateway-load-runner was given no request bodies');
  const requestId = `load-${index}`;
  return handler({ ...event, requestContext: { ...event.requestContext, requestId } });
};

const startedAt = performance.now();
const concurrency = settings.concurrency ?? 16;
await measureClosedLoop(send, { requests: settings.warmupRequests, concurrency, timeLimitMs });
const invokesBefore = invokes;
const loop = await measureClosedLoop(send, {
  requests: settings.requests,
  concurrency,
  timeLimitMs: timeLimitMs - (performance.now() - startedAt),
});
const figures: GatewayLoadFigures = {
  ...loop,
  queryPlanner: settings.queryPlanner,
  invokesPerRequest: (invokes - invokesBefore) / loop.count,
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
};
gateway.stop();
await lambda.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
process.exit(0);
