/** Keys of the passes table: one item per pass, one per load naming its pass. */
export const passKey = (passId: string) => `PASS#${passId}`;
export const loadKey = (loadId: string) => `LOAD#${loadId}`;

/** Expired passes stay readable this long (to answer "expired", not "unknown"), then TTL removes them. */
export const RETENTION_SECONDS = 7 * 24 * 60 * 60;
