import { BadRequestError } from './errors.ts';

/**
 * A set of ids a module accepts, read from a comma-separated setting of its environment
 * (a manifest's `runtime.environment`), e.g. the facilities a stage serves.
 *
 * @example
 * const facilities = readKnownIds(process.env.TURNOUT_FACILITIES); // Set { 'DFW7', 'ATL6', ... }
 */
export function readKnownIds(setting: string | undefined): ReadonlySet<string> {
  return new Set(
    (setting ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  );
}

/**
 * Refuses an id the module does not know, before anything is stored: a 400 with the code
 * given, naming the field and every id it knows (a short list, e.g. facilities), so the
 * caller can fix the request.
 *
 * @throws BadRequestError e.g. `stops.1.facilityId: "ZZZ1" is not a known facility; known: ATL6, DFW7`
 */
export function requireKnownId(
  known: ReadonlySet<string>,
  id: string,
  { field, noun, code }: { field: string; noun: string; code: string },
): void {
  if (known.has(id)) return;
  const list = [...known].sort().join(', ');
  throw new BadRequestError(
    `${field}: ${JSON.stringify(id)} is not a known ${noun}; known: ${list || '(none configured)'}.`,
    { code },
  );
}
