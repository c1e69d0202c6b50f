import { type Award, type Awarded, compareAwards, type LegacyAward, toAward } from './award.ts';
import { AwardsServiceConfigError, AwardsServiceError } from './errors.ts';

export interface AwardsClientOptions {
  /** The legacy service's base URL; undefined fails each call with a fix. */
  baseUrl: string | undefined;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** How long one request may take. @default 2000 */
  timeoutMs?: number;
}

export interface AwardsClient {
  /** Awards of each title id (tconst), in the order given; [] for one without. */
  forTitles(ids: readonly string[]): Promise<Awarded[]>;
  /** Awards of each name id (nconst), in the order given; [] for one without. */
  forPeople(ids: readonly string[]): Promise<Awarded[]>;
}

/** The legacy service takes at most this many ids a request. */
const MAX_IDS_PER_REQUEST = 100;

interface LegacyAnswer {
  ResponseStatus?: string;
  ErrorText?: string;
  Results?: ({ tconst?: string; nconst?: string; AwardList?: LegacyAward[] } | null)[];
}

/**
 * A client of the legacy awards service: one GET per 100 ids (all of a merge level at
 * once), each with a timeout, its old shape turned into the graphlet's.
 *
 * @example
 * const awards = createAwardsClient({ baseUrl: process.env.TURNOUT_AWARDS_SERVICE_URL });
 * await awards.forTitles(['tt0089374']); // [{ id: 'tt0089374', awards: [...] }]
 */
export function createAwardsClient(options: AwardsClientOptions): AwardsClient {
  const lookup = (kind: 'tconst' | 'nconst') => async (ids: readonly string[]) => {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let start = 0; start < unique.length; start += MAX_IDS_PER_REQUEST) {
      chunks.push(unique.slice(start, start + MAX_IDS_PER_REQUEST));
    }
    const answers = await Promise.all(chunks.map((chunk) => request(options, kind, chunk)));
    const byId = new Map(answers.flatMap((answer) => [...answer]));
    return ids.map((id) => ({ id, awards: byId.get(id) ?? [] }));
  };
  return { forTitles: lookup('tconst'), forPeople: lookup('nconst') };
}

async function request(
  options: AwardsClientOptions,
  kind: 'tconst' | 'nconst',
  ids: string[],
): Promise<Map<string, Award[]>> {
  if (!options.baseUrl) throw new AwardsServiceConfigError();
  const timeoutMs = options.timeoutMs ?? 2000;
  const url = `${options.baseUrl.replace(/\/$/, '')}/v1/awards?${kind}=${ids.join(',')}`;
  let response: Response;
  let body: LegacyAnswer;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(timeoutMs) });
    body = (await response.json()) as LegacyAnswer;
  } catch (error) {
    const what = (error as Error)?.name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : error;
    throw new AwardsServiceError(`The awards service failed: ${String(what)}.`, { cause: error });
  }
  if (!response.ok || body.ResponseStatus !== 'OK') {
    throw new AwardsServiceError(
      `The awards service answered ${response.status} ${body.ResponseStatus ?? ''}: ${body.ErrorText ?? 'no details'}.`,
    );
  }
  return readResults(body, kind);
}

function readResults(body: LegacyAnswer, kind: 'tconst' | 'nconst'): Map<string, Award[]> {
  const byId = new Map<string, Award[]>();
  for (const result of body.Results ?? []) {
    const id = result?.[kind];
    if (!id) continue;
    const awards = (result.AwardList ?? []).map(toAward).filter((a): a is Award => !!a);
    byId.set(id, awards.sort(compareAwards));
  }
  return byId;
}
