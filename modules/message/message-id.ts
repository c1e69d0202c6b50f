import { randomBytes } from 'node:crypto';

/**
 * A new message id that sorts by the time it was made (base-36 milliseconds, fixed
 * width), then by a random tail, so a driver's messages sort by time in the table.
 *
 * @example newMessageId(Date.now()) // 'm0m8x2k1c0a1f9e3b2c7d'
 */
export function newMessageId(nowMs: number): string {
  return `m${nowMs.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
