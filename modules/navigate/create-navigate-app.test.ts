import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { jsonOf, type RelayServices } from '../../test/relay-test-kit.ts';
import { setUpRelayModule } from '../../test/support/set-up-relay-module.ts';
import { createNavigateApp } from './create-navigate-app.ts';
import manifest from './module.ts';
import { NAVIGATE_SEED_ITEMS } from './seed-graph.ts';
import { seedNavigate } from './seed-navigate.ts';

let services: RelayServices;
let graphTable: string;
let app: ReturnType<typeof createNavigateApp>;

setUpRelayModule(manifest, async (relay) => {
  services = relay.services;
  graphTable = relay.resources.tables.graph as string;
  await seedNavigate(services.clients.documents, graphTable);
  app = createNavigateApp({ documents: services.clients.documents, tables: { graph: graphTable } });
});

async function storedItemCount() {
  const output = await services.clients.documents.send(
    new ScanCommand({ TableName: graphTable, Select: 'COUNT' }),
  );
  return output.Count;
}

describe('seedNavigate', () => {
  it('stores every facility and both directions of every road, and seeding again adds nothing', async () => {
    expect(await storedItemCount()).toBe(NAVIGATE_SEED_ITEMS.length);
    await seedNavigate(services.clients.documents, graphTable);
    expect(await storedItemCount()).toBe(NAVIGATE_SEED_ITEMS.length);
  });
});

describe('GET /navigate/route', () => {
  it('answers the shortest route with its legs and total distance', async () => {
    const response = await app.request('/navigate/route?from=DFW7&to=ATL6');
    expect(response.status).toBe(200);
    const { route } = await jsonOf(response);
    expect(route.from).toMatchObject({ facilityId: 'DFW7', city: 'Fort Worth', state: 'TX' });
    expect(route.to).toMatchObject({ facilityId: 'ATL6', city: 'East Point', state: 'GA' });
    expect(route.facilityIds).toEqual(['DFW7', 'LIT1', 'MEM1', 'BNA3', 'ATL6']);
    expect(route.legs.map((leg: { highway: string }) => leg.highway)).toEqual([
      'I-30',
      'I-40',
      'I-40',
      'I-24',
    ]);
    expect(route.totalMiles).toBe(925);
  });

  it('answers the same distance both ways', async () => {
    const back = await jsonOf(await app.request('/navigate/route?from=ATL6&to=DFW7'));
    expect(back.route.totalMiles).toBe(925);
    expect(back.route.facilityIds).toEqual(['ATL6', 'BNA3', 'MEM1', 'LIT1', 'DFW7']);
  });

  it('accepts facility ids in lower case', async () => {
    const response = await app.request('/navigate/route?from=hou2&to=sat1');
    expect((await jsonOf(response)).route.totalMiles).toBe(200);
  });

  it('answers 404 naming an unknown facility', async () => {
    const response = await app.request('/navigate/route?from=DFW7&to=ZZZ9');
    expect(response.status).toBe(404);
    expect((await jsonOf(response)).error).toEqual({
      code: 'FACILITY_NOT_FOUND',
      message: 'There is no facility "ZZZ9": check the id (e.g. "DFW7").',
    });
  });

  it('answers 404 saying no road connects the two facilities', async () => {
    const response = await app.request('/navigate/route?from=DFW7&to=HNL1');
    expect(response.status).toBe(404);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('NO_ROUTE');
    expect(error.message).toContain('no road route from DFW7 to HNL1');
  });

  it.each([
    ['a missing destination', '?from=DFW7', 'to'],
    ['a malformed id', '?from=DFW7&to=Dallas', 'to'],
    ['no parameters', '', 'from'],
  ])('answers 400 for %s, naming the parameter', async (_, query, name) => {
    const response = await app.request(`/navigate/route${query}`);
    expect(response.status).toBe(400);
    const { error } = await jsonOf(response);
    expect(error.code).toBe('INVALID_QUERY');
    expect(error.message).toContain(`${name}:`);
  });

  it('answers 400 for a route from a facility to itself', async () => {
    const response = await app.request('/navigate/route?from=DFW7&to=DFW7');
    expect(response.status).toBe(400);
    expect((await jsonOf(response)).error.code).toBe('SAME_FACILITY');
  });
});

describe('GET /navigate/facilities/:facilityId', () => {
  it('answers the facility with its roads', async () => {
    const response = await app.request('/navigate/facilities/MEM1');
    expect(response.status).toBe(200);
    const node = await jsonOf(response);
    expect(node.facility.city).toBe('Memphis');
    expect(node.roads.map((r: { to: string }) => r.to).sort()).toEqual(['BNA3', 'LIT1', 'STL6']);
  });

  it('answers 404 for an unknown facility', async () => {
    const response = await app.request('/navigate/facilities/ZZZ9');
    expect(response.status).toBe(404);
  });
});
