import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** An item's image as a stream record carries it; undefined for a deleted item. */
export type ItemImage = Record<string, AttributeValue> | undefined;

/** When a write happened and where: the order last-writer-wins decides by. */
export interface WriteVersion {
  timeMs: number;
  region: string;
}

/**
 * Whether `a` is a later write than `b`. Like DynamoDB global tables' last writer wins:
 * the later timestamp wins; a tie goes to one Region by a fixed rule (here the greater
 * name), so every replica decides the same way and they converge.
 */
export function isLaterWrite(a: WriteVersion, b: WriteVersion): boolean {
  if (a.timeMs !== b.timeMs) return a.timeMs > b.timeMs;
  return a.region > b.region;
}

/**
 * A canonical fingerprint of an image (attribute order does not matter), so the
 * replicator recognises its own writes coming back through a stream.
 */
export function imageFingerprint(image: ItemImage): string {
  return image === undefined ? '(deleted)' : canonical(image);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Uint8Array) return `b64:${Buffer.from(value).toString('base64')}`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
