import {
  Route53RecoveryClusterClient,
  UpdateRoutingControlStateCommand,
} from '@aws-sdk/client-route53-recovery-cluster';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LocalRecoveryCluster,
  startLocalRecoveryCluster,
} from '../../local-cloud/recovery-cluster/index.ts';
import { LOCAL_CREDENTIALS } from '../aws/index.ts';
import { createRegionServingReader } from './region-serving.ts';

// The local cloud's ARC cluster data plane, spoken to by the real SDK client.
let cluster: LocalRecoveryCluster;
let EAST: string;
let WEST: string;

beforeAll(async () => {
  cluster = await startLocalRecoveryCluster({ regions: ['us-east-1', 'us-west-2'] });
  EAST = cluster.routingControlArn('us-east-1');
  WEST = cluster.routingControlArn('us-west-2');
});
afterAll(() => cluster?.stop());

const endpointOf = (c: LocalRecoveryCluster) => (c.endpoints[0] as { endpoint: string }).endpoint;

const reader = (endpoints: string[]) =>
  createRegionServingReader({
    clusterEndpoints: endpoints.map((endpoint) => ({ endpoint, region: 'us-west-2' })),
    routingControls: { 'us-east-1': EAST, 'us-west-2': WEST },
    credentials: LOCAL_CREDENTIALS,
    timeoutMs: 2_000,
  });

describe('createRegionServingReader', () => {
  it("reads each Region's routing control through the cluster's data plane", async () => {
    const serving = reader([endpointOf(cluster)]);
    const admin = new Route53RecoveryClusterClient({
      endpoint: endpointOf(cluster),
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
      expect(off.reason).toMatch(/routing control turnout-us-west-2 of us-west-2 is Off/);
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
    const serving = reader(['http://127.0.0.1:9/v1', endpointOf(cluster)]);
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
    const serving = reader([endpointOf(cluster)]);
    expect(await serving.isRegionServing('eu-west-1')).toEqual({ serving: true });
    serving.close();
  });
});
