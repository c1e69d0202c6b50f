/** A DynamoDB attribute value as the JSON protocol carries it. */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { B: string }
  | { BS: string[] };

/**
 * Turns a DynamoDB item (attribute-value maps) into plain values, as the document
 * client does: numbers as numbers, sets as Sets, binary as Buffers.
 *
 * @example
 * unmarshallItem({ generation: { N: '12' }, routes: { L: [] } }); // { generation: 12, routes: [] }
 */
export function unmarshallItem(item: Record<string, AttributeValue>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) result[name] = unmarshallValue(value);
  return result;
}

function unmarshallValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('M' in value) return unmarshallItem(value.M);
  if ('L' in value) return value.L.map(unmarshallValue);
  if ('SS' in value) return new Set(value.SS);
  if ('NS' in value) return new Set(value.NS.map(Number));
  if ('B' in value) return Buffer.from(value.B, 'base64');
  if ('BS' in value) return new Set(value.BS.map((b) => Buffer.from(b, 'base64')));
  throw new TypeError(`Unknown DynamoDB attribute value ${JSON.stringify(value)}`);
}
