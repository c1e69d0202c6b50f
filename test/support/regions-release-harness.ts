import type { DeployTarget } from '../../control-plane/deploy/index.ts';
import type { RegionServing } from '../../control-plane/deploy/region-serving.ts';
import { type ReleaseHarness, startReleaseHarness } from './release-harness.ts';

/**
 * One stage of a pipeline in several Regions, on this machine: a release harness (a
 * local cloud with its own Lambda, DynamoDB, SQS, registry and gateway, the fixture
 * modules deployed) per Region, each telling its functions their own `AWS_REGION`. The
 * first Region's harness holds the project the release builds from and the deployment
 * records; each target has its own Region's clients, as `--pipeline` opens them in AWS.
 */
export async function startRegionsHarness(
  regions: readonly string[],
  { stage = 'prod' }: { stage?: string } = {},
) {
  const harnesses: ReleaseHarness[] = [];
  try {
    // One after the other: two JVMs and two builds at once on a 2-core machine under
    // load can keep DynamoDB Local from answering within its 30 s start limit.
    for (const region of regions) harnesses.push(await startReleaseHarness({ region }));
  } catch (error) {
    await Promise.all(harnesses.map((h) => h.stop()));
    throw error;
  }
  const [home] = harnesses as [ReleaseHarness, ...ReleaseHarness[]];
  const targetOf = (region: string, harness: ReleaseHarness): DeployTarget => ({
    ...(harness.env.targets[0] as DeployTarget),
    name: `${stage}-${region}`,
    stage,
    region,
  });
  return {
    home,
    /** Per Region, its harness (its gateway, its aliases). */
    byRegion: new Map(regions.map((region, i) => [region, harnesses[i] as ReleaseHarness])),
    /**
     * The stage's targets in pipeline order; `isServing`, when given, is asked for each
     * Region before each traffic step, as a pipeline's routing controls are.
     */
    targets(isServing?: (region: string) => Promise<RegionServing>): DeployTarget[] {
      return regions.map((region, i) => ({
        ...targetOf(region, harnesses[i] as ReleaseHarness),
        ...(isServing ? { isServing: () => isServing(region) } : {}),
      }));
    },
    /**
     * Until every Region's gateway has answered each fixture request well, a few at once:
     * the first invokes start the local Lambda's workers, which a loaded machine can take
     * longer than the gateway's 10 s invoke timeout to do. Tests then judge warm Regions.
     */
    async warmUp() {
      await Promise.all(harnesses.map((h) => warmUpGateway(h.gateway)));
    },
    /** Steady load through every Region's gateway, as each Region's clients send it. */
    startLoad() {
      const loads = harnesses.map((h) => h.startLoad());
      return { stop: () => Promise.all(loads.map((l) => l.stop())) };
    },
    async stop() {
      await Promise.all(harnesses.map((h) => h.stop()));
    },
  };
}

export type RegionsHarness = Awaited<ReturnType<typeof startRegionsHarness>>;

const WARM_UP_CEILING_MS = 240_000;
/** Answers each fixture request must have given well: enough to have started workers. */
const WARM_ANSWERS = 4;

async function warmUpGateway(gateway: string): Promise<void> {
  const requests = [
    () => fetch(`${gateway}/alerts/today`),
    () => fetch(`${gateway}/checkout/cart`),
    () =>
      fetch(`${gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: '{ catalogStatus }' }),
      }),
  ];
  const good = requests.map(() => 0);
  let lastFailure = '';
  const deadline = Date.now() + WARM_UP_CEILING_MS;
  while (good.some((n) => n < WARM_ANSWERS)) {
    if (Date.now() > deadline)
      throw new Error(
        `the gateway at ${gateway} did not warm up within ${WARM_UP_CEILING_MS} ms (good answers per request: ${good.join(', ')}; last failure: ${lastFailure})`,
      );
    await Promise.all(
      requests.map(async (send, i) => {
        if ((good[i] ?? 0) >= WARM_ANSWERS) return;
        const response = await send().catch((error: unknown) => String(error));
        const body = typeof response === 'string' ? response : await response.text();
        if (typeof response !== 'string' && response.status === 200 && !body.includes('"errors"'))
          good[i] = (good[i] ?? 0) + 1;
        else lastFailure = body.slice(0, 200);
      }),
    );
  }
}
