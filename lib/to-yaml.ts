/** What `toYaml` writes: the JSON data model, which is all a CI workflow needs. */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | YamlValue[]
  | { [key: string]: YamlValue };

/**
 * Writes a value as block-style YAML, for files people read and review (CI workflows).
 * Our own because the project declares no YAML library and a workflow needs only maps,
 * lists and scalars: every string is written double-quoted in JSON's escaping (valid
 * YAML), so no value can turn into a number, a boolean or a comment, and a string of
 * several lines becomes a literal block (`|-`), as a shell script is written by hand.
 * Keys are written as given; `undefined` entries are left out.
 *
 * @example
 * toYaml({ on: { push: { paths: ['modules/ratings/**'] } } });
 * // on:\n  push:\n    paths:\n      - "modules/ratings/**"\n
 */
export function toYaml(value: YamlValue): string {
  return `${lines(value, 0).join('\n')}\n`;
}

function lines(value: YamlValue, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return [`${pad}[]`];
    return value.flatMap((item) => {
      if (isBlock(item)) {
        const [first, ...rest] = lines(item, indent + 2);
        return [`${pad}- ${(first ?? '').trimStart()}`, ...rest];
      }
      return [`${pad}- ${scalar(item, indent + 2)}`];
    });
  }
  if (isMap(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (!entries.length) return [`${pad}{}`];
    return entries.flatMap(([key, item]) =>
      isBlock(item)
        ? [`${pad}${keyOf(key)}:`, ...lines(item, indent + 2)]
        : [`${pad}${keyOf(key)}: ${scalar(item, indent + 2)}`],
    );
  }
  return [`${pad}${scalar(value, indent)}`];
}

function isMap(value: YamlValue): value is { [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A map or list with entries goes on the lines below its key; empty ones stay inline. */
function isBlock(value: YamlValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isMap(value) && Object.values(value).some((v) => v !== undefined);
}

function scalar(value: YamlValue, indent: number): string {
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  if (typeof value === 'string' && value.includes('\n') && !/^\s|\s$/.test(value)) {
    const pad = ' '.repeat(indent);
    return `|-\n${value
      .split('\n')
      .map((line) => (line ? `${pad}${line}` : ''))
      .join('\n')}`;
  }
  return JSON.stringify(value);
}

/** Plain keys as they are (`runs-on`, `on`); anything else quoted. */
function keyOf(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? key : JSON.stringify(key);
}
