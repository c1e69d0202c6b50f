import { describe, expect, it } from 'vitest';
import { silentLogger } from '../create-json-logger.ts';
import type { InvokeRequest } from '../invoke/types.ts';
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
