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
  // Creating a load writes and a fixed id would be refused the second time, so the
  // checks exercise the read and refusal paths, which change nothing.
  smokeChecks: [
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
