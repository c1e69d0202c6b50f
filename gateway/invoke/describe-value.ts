/**
 * How a violation names a value it did not expect: by its kind, never its content (a
 * module's data may be private, and the line goes into logs and health samples).
 *
 * @example
 * describeValue([]); // 'a list'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return String(typeof value);
}
