import { defineModule } from '../kit/index.ts';

/**
 * Load execution: where and when a driver must be, and how far the load has got. High
 * tier: drivers and facilities plan around it, but the gate still admits a truck with
 * its pass if this module has a bad hour.
 */
export default defineModule({
  name: 'loads',
  owner: 'team-relay-loads',
  tier: 'high',
  description: 'Loads with ordered stops, arrivals, and status transitions that only move forward.',
  rest: { prefixes: ['/loads'] },
  tables: {
    loads: { partitionKey: { name: 'loadId' } },
  },
  // Each smoke run creates a load with an id of its own ({{uuid}}: a fixed one would be
  // refused on the next deployment) and reads it back.
  smokeChecks: [
    {
      name: 'creates a load',
      rest: {
        method: 'POST',
        path: '/loads',
        body: {
          loadId: 'smoke-{{uuid}}',
          stops: [
            { facilityId: 'DFW7', type: 'pickup', plannedAt: '2026-03-01T08:00:00Z' },
            { facilityId: 'ATL6', type: 'delivery', plannedAt: '2026-03-02T08:00:00Z' },
          ],
        },
        expectStatus: 201,
      },
    },
    {
      name: 'reads the new load back',
      rest: { method: 'GET', path: '/loads/smoke-{{uuid}}' },
    },
    {
      name: 'answers 404 for a load that does not exist',
      rest: { method: 'GET', path: '/loads/smoke-no-such-load', expectStatus: 404 },
    },
    {
      name: 'refuses a load without stops',
      rest: { method: 'POST', path: '/loads', body: { stops: [] }, expectStatus: 400 },
    },
  ],
});
