import { describe, expect, it } from 'vitest';
import { CELL_BUCKETS, evenBucketRanges } from '../../contracts/cell-map.ts';
import { compileCellRouter } from '../cells/compile-cell-router.ts';
import { silentLogger } from '../create-json-logger.ts';
import { createHealthRecorder } from '../health/create-health-recorder.ts';
import { recordInvokeHealth } from '../health/record-invoke-health.ts';
import type { InvokeRequest } from '../invoke/types.ts';
import { systemClock } from '../types.ts';
import { createGraphletCall, type GraphletCall } from './create-module-executor.ts';

const subgraph = {
  module: 'titles',
  functionName: 'turnout-titles',
  alias: 'live',
  tier: 'medium',
  sdl: 'type Query { title: String }',
  timeoutMs: 1000,
} as const;

/** The graphlet call's invokes as they leave it, answered with `{ data: {} }`. */
function capturingCall() {
  const sent: InvokeRequest[] = [];
  const call = createGraphletCall(subgraph, {
    invoke: async (request) => {
      sent.push(request);
      return {
        statusCode: 200,
        executedVersion: '1',
        functionError: undefined,
        payload: '{"data":{}}',
      };
    },
    logger: silentLogger,
    exposeModuleErrors: false,
  });
  return { call, sent };
}

const request = (overrides: Partial<GraphletCall>): GraphletCall => ({
  query: '{ title }',
  variables: undefined,
  operationName: undefined,
  context: { requestId: 'r-1' } as GraphletCall['context'],
  operationType: 'query',
  ...overrides,
});

describe('createGraphletCall payload', () => {
  it('is the JSON of { query, variables, operationName, context } byte for byte, every time', async () => {
    const { call, sent } = capturingCall();
    const query =
      'query Q($id: ID!) {\n  title(id: $id) { "quoted" \\ back\tslash é 日本 \u2028 }\n}';
    const cases: Partial<GraphletCall>[] = [
      { query, variables: { id: 't"1', list: [1, null, { deep: '\n' }] }, operationName: 'Q' },
      { query, variables: { id: 't2' }, operationName: 'Q' },
      { query: '{ title }' },
      { operationName: null as unknown as undefined },
      { context: undefined },
    ];
    for (const overrides of cases) await call(request(overrides));
    expect(sent.map((invoke) => invoke.payload)).toEqual(
      cases.map((overrides) => {
        const { query, variables, operationName, context } = request(overrides);
        return JSON.stringify({
          query,
          variables: variables ?? {},
          operationName: operationName ?? null,
          context: { requestId: context?.requestId },
        });
      }),
    );
    for (const invoke of sent) expect(() => JSON.parse(invoke.payload)).not.toThrow();
  });

  it('shares its key between requests that differ only by request id', async () => {
    const { call, sent } = capturingCall();
    await call(request({ context: { requestId: 'a' } as GraphletCall['context'] }));
    await call(request({ context: { requestId: 'b' } as GraphletCall['context'] }));
    expect(sent[0]?.payload).not.toBe(sent[1]?.payload);
    expect(sent[0]?.sharedKey).toBe(sent[1]?.sharedKey);
    expect(sent[0]?.idempotent).toBe(true);
  });
});

describe('createGraphletCall for a cellular module', () => {
  const names = ['cell-1', 'cell-2'];
  const router = compileCellRouter(
    'titles',
    {
      cells: names.map((name) => ({ name, functionName: `turnout-titles-${name}` })),
      buckets: CELL_BUCKETS,
      ranges: evenBucketRanges(names),
      overrides: { PINNED: 'cell-2' },
      key: { graphql: [{ field: 'Query.title', argument: 'shelf' }] },
    },
    undefined,
  );

  function cellularCall() {
    const sent: InvokeRequest[] = [];
    const health = createHealthRecorder({ clock: systemClock });
    const invoke = recordInvokeHealth(
      async (invoked) => {
        sent.push(invoked);
        return {
          statusCode: 200,
          executedVersion: '1',
          functionError: undefined,
          payload: '{"data":{}}',
        };
      },
      health,
      systemClock,
    );
    const call = createGraphletCall(subgraph, {
      invoke,
      logger: silentLogger,
      exposeModuleErrors: false,
      cells: router,
    });
    return { call, sent, health };
  }

  it("invokes the chosen cell's function, and its health samples carry the cell", async () => {
    const { call, sent, health } = cellularCall();
    await call(request({ cell: router.routeKey('PINNED', 'unused') }));
    expect(sent.map((s) => [s.functionName, s.cell])).toEqual([
      ['turnout-titles-cell-2', 'cell-2'],
    ]);
    expect(health.query().map((s) => [s.functionName, s.cell, s.invokes])).toEqual([
      ['turnout-titles-cell-2', 'cell-2', 1],
    ]);
  });

  it('invokes nothing for a request without a cell, and says why in a CELL_KEY_MISSING error', async () => {
    const { call, sent } = cellularCall();
    const refused = await call(
      request({ cell: { refusal: 'Query.title needs its "shelf" argument' } }),
    );
    const merge = await call(request({}));
    expect(sent).toEqual([]);
    expect(refused.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['Query.title needs its "shelf" argument', 'CELL_KEY_MISSING'],
    ]);
    expect(merge.errors?.[0]?.message).toBe(
      `Module "titles" is cut into cells: the fields it adds to other modules' types carry no cell key, and it declares no default cell.`,
    );
  });
});
