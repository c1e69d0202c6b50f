import { defineModule, IDEMPOTENCY_TABLE } from '../kit/index.ts';

/** Who the smoke checks call as: dispatch issues and reads; the gate checks. */
const DISPATCH = { sub: 'turnout-smoke', scopes: ['dispatch'] };
const GATE = { sub: 'turnout-smoke-gate', scopes: ['gatepass:check'] };

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
  rest: {
    prefixes: ['/gatepass'],
    // The gateway refuses these callers before it invokes the module; the module checks
    // again who may see which pass (its driver, or dispatch) and the gate code.
    access: [
      { path: '/gatepass', authenticated: true },
      { path: '/gatepass', methods: ['POST'], scopes: [['gatepass:write'], ['dispatch']] },
      { path: '/gatepass/:passId/check', methods: ['POST'], scopes: [['gatepass:check']] },
    ],
  },
  // Cells by facility, as fulfilment systems are cut: a bad version or a failing table in
  // one cell holds up the gates of that cell's facilities only. Every call names its
  // facility in x-facility-id; a pass lives in the cell of the facility it was issued for.
  cells: {
    names: ['cell-1', 'cell-2', 'cell-3'],
    key: { rest: [{ path: '/gatepass', header: 'x-facility-id' }] },
  },
  tables: {
    // "PASS#<passId>" holds the pass; "LOAD#<loadId>" holds the id of the load's one pass.
    passes: { partitionKey: { name: 'pk' }, ttlAttribute: 'expiresAt' },
    // Issues and checks retried with the same Idempotency-Key are applied once.
    idempotency: IDEMPOTENCY_TABLE,
  },
  runtime: {
    environment: {
      // The facilities whose gates take passes: a stage names its network in RELAY_FACILITIES; the default
      // is the network navigate seeds (test/relay-facilities.test.ts keeps them equal).
      TURNOUT_FACILITIES: {
        description: 'the facility ids this stage serves, comma-separated',
        fromStage: 'RELAY_FACILITIES',
        default:
          'DFW7,HOU2,SAT1,ELP1,OKC1,LIT1,MCI1,STL6,MDW2,IND4,CMH1,MEM1,BNA3,ATL6,CLT2,PHX6,DEN3,HNL1',
      },
    },
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
        body: {
          loadId: 'smoke-{{uuid}}',
          facilityId: 'DFW7',
          validMinutes: 5,
          driver: 'smoke-driver',
        },
        expectStatus: 201,
      },
      caller: DISPATCH,
    },
    {
      name: 'refuses a second pass for the same load',
      rest: {
        method: 'POST',
        path: '/gatepass',
        body: {
          loadId: 'smoke-{{uuid}}',
          facilityId: 'DFW7',
          validMinutes: 5,
          driver: 'smoke-driver',
        },
        expectStatus: 409,
      },
      caller: DISPATCH,
    },
    {
      name: 'refuses an anonymous pass request',
      rest: {
        method: 'POST',
        path: '/gatepass',
        body: { loadId: 'smoke-{{uuid}}-2', facilityId: 'DFW7', validMinutes: 5 },
        expectStatus: 401,
      },
    },
    {
      name: 'answers 404 for a pass that was never issued',
      rest: { method: 'GET', path: '/gatepass/gp_0000000000000000', expectStatus: 404 },
      caller: DISPATCH,
    },
    {
      name: 'refuses a gate check of a pass that was never issued',
      rest: {
        method: 'POST',
        path: '/gatepass/gp_0000000000000000/check',
        body: { facilityId: 'DFW7', code: 'AAAAAA' },
        expectStatus: 404,
      },
      caller: GATE,
    },
    {
      name: 'refuses a pass request without a load',
      rest: {
        method: 'POST',
        path: '/gatepass',
        body: { facilityId: 'DFW7', validMinutes: 60 },
        expectStatus: 400,
      },
      caller: DISPATCH,
    },
  ],
});
