import {
  Route53RecoveryClusterClient,
  UpdateRoutingControlStateCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRoutingControlStandIn } from '../../test/support/routing-control-stand-in.ts';
import { LOCAL_CREDENTIALS } from '../aws/index.ts';
import { createRegionServingReader } from './region-serving.ts';

const EAST = 'arn:aws:route53-recovery-control::000000000000:controlpanel/p/routingcontrol/east';
const WEST = 'arn:aws:route53-recovery-control::000000000000:controlpanel/p/routingcontrol/west';

let cluster: Awaited<ReturnType<typeof startRoutingControlStandIn>>;

beforeAll(async () => {
  cluster = await startRoutingControlStandIn({ [EAST]: 'On', [WEST]: 'On' });
});
afterAll(() => cluster?.stop());

const reader = (endpoints: string[]) =>
  createRegionServingReader({
    clusterEndpoints: endpoints.map((endpoint) => ({ endpoint, region: 'us-west-2' })),
    routingControls: { 'us-east-1': EAST, 'us-west-2': WEST },
    credentials: LOCAL_CREDENTIALS,
    timeoutMs: 2_000,
  });

describe('createRegionServingReader', () => {
  it("reads each Region's routing control through the cluster's data plane", async () => {
    const serving = reader([cluster.endpoint]);
    const admin = new Route53RecoveryClusterClient({
      endpoint: cluster.endpoint,
      region: 'us-west-2',
      credentials: LOCAL_CREDENTIALS,
    });
    try {
      expect(await serving.isRegionServing('us-west-2')).toEqual({ serving: true });
      await admin.send(
        new UpdateRoutingControlStateCommand({
          RoutingControlArn: WEST,
          RoutingControlState: 'Off',
        }),
      );
      const off = await serving.isRegionServing('us-west-2');
      expect(off.serving).toBe(false);
      expect(off.reason).toMatch(/routing control west of us-west-2 is Off/);
      expect(await serving.isRegionServing('us-east-1')).toEqual({ serving: true });
    } finally {
      await admin.send(
        new UpdateRoutingControlStateCommand({
          RoutingControlArn: WEST,
          RoutingControlState: 'On',
        }),
      );
      admin.destroy();
      serving.close();
    }
  });

  it('tries the next cluster endpoint when one does not answer', async () => {
    // Nothing listens on port 9 (discard) of the loopback: the first endpoint fails fast.
    const serving = reader(['http://127.0.0.1:9/v1', cluster.endpoint]);
    try {
      expect(await serving.isRegionServing('us-east-1')).toEqual({ serving: true });
    } finally {
      serving.close();
    }
  });

  it('counts a Region it cannot read from any endpoint as not serving, saying why', async () => {
    const serving = reader(['http://127.0.0.1:9/v1']);
    try {
      const unknown = await serving.isRegionServing('us-east-1');
      expect(unknown.serving).toBe(false);
      expect(unknown.reason).toMatch(/could not be read from any cluster endpoint/);
    } finally {
      serving.close();
    }
  });

  it('lets a Region without a routing control always serve', async () => {
    const serving = reader([cluster.endpoint]);
    expect(await serving.isRegionServing('eu-west-1')).toEqual({ serving: true });
    serving.close();
  });
});
