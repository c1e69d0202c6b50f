import { defineModule } from '../kit/index.ts';

/**
 * Routes between facilities. High tier: a wrong or missing route strands a driver on the
 * road, so it deploys after messaging, but a broken route does not stop the gate.
 */
export default defineModule({
  name: 'navigate',
  owner: 'team-relay-navigate',
  tier: 'high',
  description: 'Shortest road routes between freight facilities over a graph kept in DynamoDB.',
  rest: { prefixes: ['/navigate'] },
  tables: {
    // One item per facility (sk "FACILITY") and one per road leaving it (sk "ROAD#<to>"),
    // so a single Query on a facility gives it and its neighbours.
    graph: { partitionKey: { name: 'pk' }, sortKey: { name: 'sk' } },
  },
  smokeChecks: [
    {
      name: 'routes between two seeded facilities',
      rest: { method: 'GET', path: '/navigate/route?from=DFW7&to=ATL6' },
    },
    {
      name: 'refuses an unknown facility',
      rest: { method: 'GET', path: '/navigate/route?from=DFW7&to=ZZZ9', expectStatus: 404 },
    },
  ],
});
