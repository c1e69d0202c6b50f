import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LegacyAwardsService, startLegacyAwards } from './start-legacy-awards.ts';

let service: LegacyAwardsService;

beforeAll(async () => {
  service = await startLegacyAwards();
});

afterAll(() => service?.stop());

/** A status and parsed body, read freely in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions walk the service's JSON
async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.url}${path}`);
  return { status: response.status, body: await response.json() };
}

describe('the legacy awards service', () => {
  it('answers the awards of several titles in its own old shape, leaving out titles without', async () => {
    const { status, body } = await get('/v1/awards?tconst=tt0089374,tt0000001');
    expect(status).toBe(200);
    expect(body).toEqual({
      ResponseStatus: 'OK',
      RequestedCount: 2,
      Results: [
        {
          tconst: 'tt0089374',
          AwardList: [
            { EVT_NM: 'Hong Kong Film Awards', AWD_NM: 'Best Film', AWD_YR: '1986', RSLT_CD: 'W' },
            {
              EVT_NM: 'Hong Kong Film Awards',
              AWD_NM: 'Best Action Choreography',
              AWD_YR: '1986',
              RSLT_CD: 'W',
            },
          ],
        },
      ],
    });
  });

  it('answers the awards of people by nconst', async () => {
    const { body } = await get('/v1/awards?nconst=nm0000329');
    expect(body.Results[0].nconst).toBe('nm0000329');
    expect(body.Results[0].AwardList).toContainEqual({
      EVT_NM: 'Academy Awards',
      AWD_NM: 'Honorary Award',
      AWD_YR: '2017',
      RSLT_CD: 'W',
    });
  });

  it.each([
    ['no ids at all', '/v1/awards', 'Exactly one'],
    ['both kinds of id', '/v1/awards?tconst=tt0089374&nconst=nm0000329', 'Exactly one'],
    ['a name id as tconst', '/v1/awards?tconst=nm0000329', 'Invalid tconst'],
    ['over 100 ids', `/v1/awards?tconst=${Array(101).fill('tt0089374').join(',')}`, '101 > 100'],
  ])('refuses %s with a 400 in its error shape', async (_case, path, text) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body).toMatchObject({ ResponseStatus: 'ERR', ErrorCode: 'E_BAD_PARAM' });
    expect(body.ErrorText).toContain(text);
  });

  it('records every request, so callers can count them', async () => {
    const before = service.requests.length;
    await get('/v1/awards?tconst=tt0111512');
    expect(service.requests.slice(before)).toEqual(['/v1/awards?tconst=tt0111512']);
  });
});
