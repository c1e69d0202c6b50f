import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';

export const passIdSchema = z
  .string()
  .regex(/^gp_[0-9a-f]{16}$/, 'a pass id looks like "gp_" and 16 hex digits');

export const loadIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{3,64}$/, 'use 3-64 letters, digits or dashes, e.g. "L-1138"');

export const facilityIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}[0-9]{1,2}$/, 'a facility id is three letters and a number, e.g. "DFW7"');

/** A token's subject, e.g. `driver-D1`. */
export const subjectSchema = z.string().min(1).max(128);

export const issuePassBodySchema = z.strictObject({
  loadId: loadIdSchema,
  /** Whom the pass is for (the driver's token subject); only dispatch names another driver. */
  driver: subjectSchema.optional(),
  facilityId: facilityIdSchema,
  validFrom: z.iso
    .datetime({ offset: true, message: 'give an ISO 8601 time, e.g. "2026-03-01T08:00:00Z"' })
    .optional(),
  validMinutes: z
    .number('give validMinutes as a number')
    .int('give validMinutes as whole minutes')
    .min(5, 'a pass is valid for at least 5 minutes')
    .max(24 * 60, 'a pass is valid for at most 24 hours (1440 minutes)'),
});

export const gateCodeSchema = z
  .string('give the gate code the driver shows, e.g. "K7MXQA"')
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{6}$/, 'a gate code is six letters and digits, as the pass shows it');

export const checkPassBodySchema = z.strictObject({
  facilityId: facilityIdSchema,
  code: gateCodeSchema,
});

export type IssuePassBody = z.output<typeof issuePassBodySchema>;

/** A gate pass as answered. */
export interface GatePass {
  passId: string;
  loadId: string;
  /** The subject of the driver the pass was issued to: only they (or dispatch) read it. */
  driver: string;
  facilityId: string;
  /** What the driver shows or types at the gate. */
  code: string;
  validFrom: string;
  validUntil: string;
  issuedAt: string;
  admissions?: number;
  lastAdmittedAt?: string;
}

export function newPassId(): string {
  return `gp_${randomBytes(8).toString('hex')}`;
}

// No 0/O, 1/I, 2/Z, 5/S, 8/B: a guard reads it off a phone screen.
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';

/** A six-character gate code. */
export function newGateCode(): string {
  return Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

/** Whether a code is the pass's, compared in constant time so timing tells a guesser nothing. */
export function isGateCode(pass: GatePass, code: string): boolean {
  const expected = Buffer.from(pass.code);
  const given = Buffer.from(code);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
