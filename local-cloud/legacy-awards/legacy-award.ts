/**
 * An award as the legacy awards service has always stored and answered it: upper-case
 * column names from its old database, the year as text, the result as a one-letter code.
 */
export interface LegacyAward {
  /** The event, e.g. "Hong Kong Film Awards". */
  EVT_NM: string;
  /** The category, e.g. "Best Film". */
  AWD_NM: string;
  /** The ceremony's year, as text: "1986". */
  AWD_YR: string;
  /** "W" won, "N" nominated. */
  RSLT_CD: string;
}

/** The service's data file: awards by title id (tconst) and by name id (nconst). */
export interface LegacyAwardsData {
  titles: Record<string, LegacyAward[]>;
  people: Record<string, LegacyAward[]>;
}
