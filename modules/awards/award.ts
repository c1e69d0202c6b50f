/** An award as the schema answers it. */
export interface Award {
  event: string;
  category: string;
  year: number;
  outcome: 'WON' | 'NOMINATED';
}

/** An award as the legacy service answers it (its own column names and codes). */
export interface LegacyAward {
  EVT_NM: string;
  AWD_NM: string;
  AWD_YR: string;
  RSLT_CD: string;
}

/** What this graphlet knows of a title or person: its id and awards. */
export interface Awarded {
  id: string;
  awards: Award[];
}

const OUTCOMES: Record<string, Award['outcome']> = { W: 'WON', N: 'NOMINATED' };

/**
 * The schema's award for a legacy one; undefined for a record the service should not
 * have (an unknown result code, a year that is no number), which is left out.
 *
 * @example toAward({ EVT_NM: 'Academy Awards', AWD_NM: 'Honorary Award', AWD_YR: '2017', RSLT_CD: 'W' })
 * // { event: 'Academy Awards', category: 'Honorary Award', year: 2017, outcome: 'WON' }
 */
export function toAward(legacy: LegacyAward): Award | undefined {
  const outcome = OUTCOMES[legacy.RSLT_CD];
  const year = Number.parseInt(legacy.AWD_YR, 10);
  if (!outcome || !Number.isInteger(year) || !legacy.EVT_NM || !legacy.AWD_NM) return undefined;
  return { event: legacy.EVT_NM, category: legacy.AWD_NM, year, outcome };
}

/** Newest first, then by event and category, so answers are stable. */
export function compareAwards(a: Award, b: Award): number {
  return b.year - a.year || a.event.localeCompare(b.event) || a.category.localeCompare(b.category);
}
