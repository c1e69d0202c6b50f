import { defineModule, IDEMPOTENCY_TABLE } from '../kit/index.ts';

const DISPATCH = { sub: 'turnout-smoke', scopes: ['dispatch'] };

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
  rest: {
    prefixes: ['/loads'],
    access: [
      { path: '/loads', authenticated: true },
      {
        path: '/loads',
        methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
        scopes: [['loads:write'], ['dispatch']],
      },
    ],
  },
  runtime: {
    environment: {
      // The facilities a load may stop at: a stage names its network in RELAY_FACILITIES; the default
      // is the network navigate seeds (test/relay-facilities.test.ts keeps them equal).
      TURNOUT_FACILITIES: {
        description: 'the facility ids this stage serves, comma-separated',
        fromStage: 'RELAY_FACILITIES',
        default:
          'DFW7,HOU2,SAT1,ELP1,OKC1,LIT1,MCI1,STL6,MDW2,IND4,CMH1,MEM1,BNA3,ATL6,CLT2,PHX6,DEN3,HNL1',
      },
    },
  },
  // Cells by facility (the load's pickup facility, as dispatch files it): every call names
  // it in x-facility-id, and a load lives in that facility's cell only.
  cells: {
    names: ['cell-1', 'cell-2', 'cell-3'],
    key: { rest: [{ path: '/loads', header: 'x-facility-id' }] },
  },
  tables: {
    loads: { partitionKey: { name: 'loadId' } },
    // Creates and status changes retried with the same Idempotency-Key are applied once.
    idempotency: IDEMPOTENCY_TABLE,
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
      caller: DISPATCH,
    },
    {
      name: 'reads the new load back',
      rest: { method: 'GET', path: '/loads/smoke-{{uuid}}' },
      caller: DISPATCH,
    },
    {
      name: 'answers 404 for a load that does not exist',
      rest: { method: 'GET', path: '/loads/smoke-no-such-load', expectStatus: 404 },
      caller: DISPATCH,
    },
    {
      name: 'refuses a load without stops',
      rest: { method: 'POST', path: '/loads', body: { stops: [] }, expectStatus: 400 },
      caller: DISPATCH,
    },
    {
      name: 'refuses an anonymous reader',
      rest: { method: 'GET', path: '/loads/smoke-{{uuid}}', expectStatus: 401 },
    },
  ],
});
