import type { SmokeExpectation, SmokeShape } from './manifest-schema.ts';

/**
 * Where an answer differs from what a smoke check expects (`expect: { data, shape }`),
 * as one line naming the path, e.g. `data._titles.0.primaryImage: expected an object,
 * got null`; undefined when it holds. `root` names the value in the path (`data` for a
 * GraphQL answer's data, `body` for a REST answer's JSON body). Imports nothing at run
 * time, so the deploy pipeline loads this file alone.
 *
 * @example
 * findSmokeMismatch({ shape: { _titles: [{ id: 'string' }] } }, { _titles: [] }, 'data');
 * // 'data._titles: expected a list of at least one item, got an empty list'
 */
export function findSmokeMismatch(
  expectation: SmokeExpectation,
  value: unknown,
  root: string,
): string | undefined {
  if (expectation.data !== undefined) {
    const wrong = subsetMismatch(expectation.data, value, root);
    if (wrong) return wrong;
  }
  return expectation.shape === undefined
    ? undefined
    : shapeMismatch(expectation.shape, value, root);
}

function subsetMismatch(expected: unknown, actual: unknown, path: string): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list, got ${describe(actual)}`;
    if (actual.length !== expected.length)
      return `${path}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const wrong = subsetMismatch(expected[i], actual[i], `${path}.${i}`);
      if (wrong) return wrong;
    }
    return undefined;
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return `${path}: expected an object, got ${describe(actual)}`;
    for (const [key, item] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) return `${path}.${key}: missing`;
      const wrong = subsetMismatch(item, actual[key], `${path}.${key}`);
      if (wrong) return wrong;
    }
    return undefined;
  }
  if (Object.is(expected, actual)) return undefined;
  return `${path}: expected ${JSON.stringify(expected)}, got ${describe(actual)}`;
}

function shapeMismatch(shape: SmokeShape, actual: unknown, path: string): string | undefined {
  if (typeof shape === 'string') return leafMismatch(shape, actual, path);
  if (Array.isArray(shape)) {
    if (!Array.isArray(actual)) return `${path}: expected a list, got ${describe(actual)}`;
    const item = shape[0];
    if (item === undefined) return undefined;
    if (actual.length === 0)
      return `${path}: expected a list of at least one item, got an empty list`;
    for (let i = 0; i < actual.length; i++) {
      const wrong = shapeMismatch(item, actual[i], `${path}.${i}`);
      if (wrong) return wrong;
    }
    return undefined;
  }
  if (!isObject(actual)) return `${path}: expected an object, got ${describe(actual)}`;
  for (const [key, item] of Object.entries(shape)) {
    const optional = typeof item === 'string' && item.endsWith('?');
    if (!Object.hasOwn(actual, key) && !optional) return `${path}.${key}: missing`;
    const wrong = shapeMismatch(item, actual[key], `${path}.${key}`);
    if (wrong) return wrong;
  }
  return undefined;
}

function leafMismatch(leaf: string, actual: unknown, path: string): string | undefined {
  const nullable = leaf.endsWith('?');
  const kind = nullable ? leaf.slice(0, -1) : leaf;
  if (actual === null || actual === undefined) {
    return nullable ? undefined : `${path}: expected ${article(kind)}, got ${describe(actual)}`;
  }
  if (kind === 'any' || typeof actual === kind) return undefined;
  return `${path}: expected ${article(kind)}, got ${describe(actual)}`;
}

function article(kind: string): string {
  return kind === 'any' ? 'a value' : `a ${kind}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a failure line shows it: short JSON, or what kind of value it is. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value))
    return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (isObject(value)) return 'an object';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
