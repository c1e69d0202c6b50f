import type { SmokeCheck } from './manifest-schema.ts';

/** The placeholders a smoke check may use, and what each stands for. */
export const SMOKE_CHECK_PLACEHOLDERS = {
  uuid: 'a random UUID, fresh for each smoke run and the same in every check of the run',
} as const;

/** One smoke run's value of each placeholder. */
export type SmokeCheckValues = { [P in keyof typeof SMOKE_CHECK_PLACEHOLDERS]: string };

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/**
 * A smoke check with its placeholders (`{{uuid}}`) replaced by this run's values, in
 * every string of a REST check's path and body, of a GraphQL check's query and
 * variables, and of the data it expects back. Give every check of a run the same values and run them in order, so a
 * check can read what an earlier one wrote.
 *
 * @example
 * const values = { uuid: randomUUID() };
 * for (const check of manifest.smokeChecks) await run(fillSmokeCheck(check, values));
 */
export function fillSmokeCheck<C extends SmokeCheck>(check: C, values: SmokeCheckValues): C {
  const expected = check.expect ? { expect: fill(check.expect, values) } : {};
  if ('graphql' in check) return { ...check, graphql: fill(check.graphql, values), ...expected };
  return { ...check, rest: fill(check.rest, values), ...expected };
}

/** The placeholder names a value uses that are not in `SMOKE_CHECK_PLACEHOLDERS`. */
export function unknownPlaceholders(value: unknown): string[] {
  if (typeof value === 'string') {
    const names = [...value.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
    return names.filter((name) => !Object.hasOwn(SMOKE_CHECK_PLACEHOLDERS, name));
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.values(value).flatMap(unknownPlaceholders);
}

function fill<T>(value: T, values: SmokeCheckValues): T {
  if (typeof value === 'string') {
    return value.replace(PLACEHOLDER, (text, name: string) =>
      Object.hasOwn(values, name) ? values[name as keyof SmokeCheckValues] : text,
    ) as T;
  }
  if (Array.isArray(value)) return value.map((item) => fill(item, values)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, fill(item, values)]),
  ) as T;
}
