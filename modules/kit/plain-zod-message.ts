import type * as z from 'zod';

/**
 * Zod's default wording in plain words that say what to change, for the checks a person
 * reads (a manifest, a request body, a query string): pass it as `safeParse`'s `error`.
 * A message a schema gives itself (`z.string('give the text')`) still wins; an issue it
 * does not know keeps zod's own wording.
 *
 * @example
 * schema.safeParse(body, { error: plainZodMessage });
 * // to: Invalid input: expected string, received undefined
 * //   becomes: to: missing: give a string
 */
export function plainZodMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `missing: give ${article(issue.expected)}`
        : `is ${article(typeName(issue.input))}, but must be ${article(issue.expected)}`;
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => JSON.stringify(k)).join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} here: remove ${issue.keys.length === 1 ? 'it' : 'them'}, or check the spelling`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `${sizeWord(issue.origin)} at least ${String(issue.minimum)}${unit(issue.origin, issue.minimum)}`;
    case 'too_big':
      return `${sizeWord(issue.origin)} at most ${String(issue.maximum)}${unit(issue.origin, issue.maximum)}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'matches none of the forms allowed here: see the field in the documentation';
    default:
      return undefined;
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(type: string): string {
  if (type === 'null' || type === 'undefined') return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function sizeWord(origin: string): string {
  if (origin === 'string') return 'must have';
  if (origin === 'array' || origin === 'set') return 'must hold';
  return 'must be';
}

function unit(origin: string, count: number | bigint): string {
  const plural = Number(count) === 1 ? '' : 's';
  if (origin === 'string') return ` character${plural}`;
  if (origin === 'array' || origin === 'set') return ` item${plural}`;
  return '';
}
