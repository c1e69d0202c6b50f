import { defineModule } from '../kit/index.ts';

/**
 * Gate passes. Critical tier: without a valid pass a truck waits at the gate and the
 * facility's dock plan slips, so this module deploys last, after the others proved
 * the release.
 */
export default defineModule({
  name: 'gatepass',
  owner: 'team-relay-gatepass',
  tier: 'critical',
  description: 'Issues one gate pass per load, reads it, and checks it at the facility gate.',
  rest: { prefixes: ['/gatepass'] },
  tables: {
    // "PASS#<passId>" holds the pass; "LOAD#<loadId>" holds the id of the load's one pass.
    passes: { partitionKey: { name: 'pk' }, ttlAttribute: 'expiresAt' },
  },
  // Each smoke run issues a pass for a load id of its own ({{uuid}}: a fixed one would be
  // refused on the next deployment, one pass per load) and asks again, which the stored
  // claim must refuse. Smoke passes expire with the table's TTL like any other.
  smokeChecks: [
    {
      name: 'issues a pass for a new load',
      rest: {
        method: 'POST',
        path: '/gatepass',
        body: { loadId: 'smoke-{{uuid}}', facilityId: 'DFW7', validMinutes: 5 },
        expectStatus: 201,
      },
    },
    {
      name: 'refuses a second pass for the same load',
      rest: {
        method: 'POST',
        path: '/gatepass',
        body: { loadId: 'smoke-{{uuid}}', facilityId: 'DFW7', validMinutes: 5 },
        expectStatus: 409,
      },
    },
    {
      name: 'answers 404 for a pass that was never issued',
      rest: { method: 'GET', path: '/gatepass/gp_0000000000000000', expectStatus: 404 },
    },
    {
      name: 'refuses a gate check of a pass that was never issued',
      rest: {
        method: 'POST',
        path: '/gatepass/gp_0000000000000000/check',
        body: { facilityId: 'DFW7' },
        expectStatus: 404,
      },
    },
    {
      name: 'refuses a pass request without a load',
      rest: {
        method: 'POST',
        path: '/gatepass',
        body: { facilityId: 'DFW7', validMinutes: 60 },
        expectStatus: 400,
      },
    },
  ],
});
