import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type LegacyAwardsService,
  startLegacyAwards,
} from '../../local-cloud/legacy-awards/index.ts';
import { createAwardsClient } from './create-awards-client.ts';
import { createAwardsGraphlet } from './create-awards-graphlet.ts';

let service: LegacyAwardsService;

beforeAll(async () => {
  service = await startLegacyAwards();
});

afterAll(() => service?.stop());

const graphletAt = (baseUrl: string | undefined, timeoutMs?: number) =>
  createAwardsGraphlet({ awards: createAwardsClient({ baseUrl, timeoutMs }) });

describe('the awards graphlet', () => {
  it('reshapes the legacy answer into awards, newest first, [] for titles without', async () => {
    const result = await graphletAt(service.url)({
      query:
        '{ _titles(ids: ["tt0089374", "tt0000001", "nm0000329"]) { id awards { event category year outcome } } }',
    });
    expect(result).toEqual({
      data: {
        _titles: [
          {
            id: 'tt0089374',
            awards: [
              {
                event: 'Hong Kong Film Awards',
                category: 'Best Action Choreography',
                year: 1986,
                outcome: 'WON',
              },
              { event: 'Hong Kong Film Awards', category: 'Best Film', year: 1986, outcome: 'WON' },
            ],
          },
          { id: 'tt0000001', awards: [] },
          null,
        ],
      },
    });
  });

  it('asks the service once for a whole merge level, and once per 100 ids', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `tt99${String(i + 1).padStart(5, '0')}`);
    const before = service.requests.length;
    const result = await graphletAt(service.url)({
      query: 'query ($ids: [ID!]!) { _titles(ids: $ids) { id awards { year } } }',
      variables: { ids: [...ids, ...ids] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._titles).toHaveLength(300);
    expect(service.requests.length - before).toBe(2);
  });

  it('answers people’s awards with their outcome', async () => {
    const result = await graphletAt(service.url)({
      query: '{ _people(ids: ["nm0000329"]) { awards { event category year outcome } } }',
    });
    expect(result.data?._people).toEqual([
      {
        awards: [
          { event: 'Academy Awards', category: 'Honorary Award', year: 2017, outcome: 'WON' },
          {
            event: 'Golden Horse Awards',
            category: 'Best Leading Actor',
            year: 1993,
            outcome: 'WON',
          },
          { event: 'Hong Kong Film Awards', category: 'Best Actor', year: 1993, outcome: 'WON' },
        ],
      },
    ]);
  });

  it('answers AWARDS_SERVICE_UNAVAILABLE when the service does not answer in time', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const result = await graphletAt(
        `http://127.0.0.1:${port}`,
        100,
      )({
        query: '{ _titles(ids: ["tt0089374"]) { awards { year } } }',
      });
      expect(result.errors?.[0]?.extensions?.code).toBe('AWARDS_SERVICE_UNAVAILABLE');
      expect(result.errors?.[0]?.message).toContain('no answer in 100 ms');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('says how to fix a missing service address', async () => {
    const result = await graphletAt(undefined)({
      query: '{ _people(ids: ["nm0000329"]) { awards { year } } }',
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('AWARDS_SERVICE_NOT_CONFIGURED');
    expect(result.errors?.[0]?.message).toContain('TURNOUT_AWARDS_SERVICE_URL');
  });
});
