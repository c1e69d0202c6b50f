import { GetAliasCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toApiGatewayEvent } from '../contracts/rest-invoke-event.ts';
import type { BakeFigures } from '../control-plane/deploy/bake.ts';
import {
  RELEASE_TEST_TIMEOUT_MS,
  type ReleaseHarness,
  startReleaseHarness,
} from './support/release-harness.ts';
import { startSteadyLoad } from './support/steady-load.ts';

let harness: ReleaseHarness;

beforeAll(async () => {
  harness = await startReleaseHarness();
}, 180_000);

afterAll(() => harness?.stop());

const liveVersion = async (module: string) => {
  const alias = await harness.env.clients.lambda.send(
    new GetAliasCommand({ FunctionName: `turnout-${module}`, Name: 'live' }),
  );
  return {
    version: alias.FunctionVersion,
    weights: alias.RoutingConfig?.AdditionalVersionWeights ?? {},
  };
};

/**
 * REST clients as they come behind the shared domain in AWS: through an API Gateway
 * mapping, straight to the module's `live` alias with the v2 event. No Turnout gateway
 * sees them. A function error fails the request with status 0.
 */
function startApiGatewayLoad(path: string) {
  const lambda = harness.env.clients.lambda;
  return startSteadyLoad(
    [
      {
        name: `GET ${path} through API Gateway`,
        async send() {
          const event = toApiGatewayEvent(
            { method: 'GET', path, rawQueryString: '', headers: { host: 'api.example.com' } },
            { requestId: crypto.randomUUID(), now: Date.now() },
          );
          const out = await lambda.send(
            new InvokeCommand({
              FunctionName: 'turnout-alerts',
              Qualifier: 'live',
              Payload: Buffer.from(JSON.stringify(event)),
            }),
          );
          const payload = Buffer.from(out.Payload ?? []).toString();
          if (out.FunctionError) throw new Error(`function error: ${payload}`);
          const result = JSON.parse(payload) as { statusCode: number; body: string };
          return new Response(result.body, { status: result.statusCode });
        },
        ok: (response) => response.status === 200,
      },
    ],
    { concurrency: 4, pauseMs: 10, maxMs: RELEASE_TEST_TIMEOUT_MS },
  );
}

const candidateFigures = (figures: unknown, source: string) =>
  (figures as BakeFigures | undefined)?.[source]?.candidate;

describe('a REST module whose clients come only through API Gateway', () => {
  it(
    'is promoted on the evidence of its module metrics, though no gateway saw a request',
    async () => {
      await harness.setBehaviour('alerts', 'ok');
      const load = startApiGatewayLoad('/alerts/today');
      const { record, events } = await harness.release(['alerts']);
      const report = await load.stop();

      const decisions = events.filter((e) => e.kind === 'decision').map((e) => [e.name, e.detail]);
      expect(record.state, JSON.stringify(decisions)).toBe('succeeded');
      const promoted = events.find((e) => e.name === 'promote-step');
      expect(candidateFigures(promoted?.figures, 'module-metrics')?.invocations).toBeGreaterThan(0);
      expect(candidateFigures(promoted?.figures, 'gateway')?.invocations).toBe(0);
      expect(report.failures).toEqual([]);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );

  it(
    'is rolled back when its canary answers 500 to everything, though Lambda counts no error',
    async () => {
      const before = await liveVersion('alerts');
      await harness.setBehaviour('alerts', 'answer-500');
      const load = startApiGatewayLoad('/alerts/today');
      const { record, events } = await harness.release(['alerts']);
      const report = await load.stop();

      expect(record.state).toBe('rolled-back');
      const rollback = events.find((e) => e.name === 'rollback');
      // Not always 100%: metrics come per second (per minute in CloudWatch), so the smoke
      // check's answers in the second the shift began count too.
      expect(rollback?.detail).toMatch(
        /^module-metrics: error rate [\d.]+% \(\d+\/\d+\) against 0\.0% on the old version$/,
      );
      expect(candidateFigures(rollback?.figures, 'module-metrics')?.errors).toBeGreaterThanOrEqual(
        2,
      );
      // The gateway never saw these clients: its samples could not have caught it.
      expect(candidateFigures(rollback?.figures, 'gateway')?.invocations).toBe(0);
      expect(await liveVersion('alerts')).toEqual(before);
      // The clients got the canary's 500s as answers, never a Lambda function error.
      expect(report.failures.length).toBeGreaterThan(0);
      expect(report.failures.every((f) => f.status === 500)).toBe(true);
    },
    RELEASE_TEST_TIMEOUT_MS,
  );
});
