import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PassRefusedError } from './errors.ts';
import { type GatePass, isGateCode } from './gate-pass.ts';
import { getGatePass } from './get-gate-pass.ts';
import { passKey } from './pass-keys.ts';

export interface CheckGatePassOptions {
  documents: DynamoDBDocumentClient;
  passesTable: string;
  nowMs: number;
}

export interface Admission {
  admitted: true;
  passId: string;
  loadId: string;
  facilityId: string;
  validUntil: string;
  admittedAt: string;
}

/**
 * Checks a pass at a facility's gate, with the gate code the driver shows: the pass id
 * alone is not enough, since anyone may learn it. A valid pass is admitted and the
 * admission counted on the pass; a refused one throws `PassRefusedError` with the
 * reason and changes nothing.
 */
export async function checkGatePass(
  passId: string,
  shown: { facilityId: string; code: string },
  options: CheckGatePassOptions,
): Promise<Admission> {
  const pass = await getGatePass(options.documents, options.passesTable, passId);
  if (!isGateCode(pass, shown.code)) {
    throw new PassRefusedError('WRONG_CODE', `That is not the gate code of pass ${passId}.`);
  }
  judgePass(pass, shown.facilityId, options.nowMs);
  const admittedAt = new Date(options.nowMs).toISOString();
  await options.documents.send(
    new UpdateCommand({
      TableName: options.passesTable,
      Key: { pk: passKey(passId) },
      UpdateExpression: 'ADD admissions :one SET lastAdmittedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1, ':at': admittedAt },
    }),
  );
  const { loadId, validUntil } = pass;
  return { admitted: true, passId, loadId, facilityId: pass.facilityId, validUntil, admittedAt };
}

/** Throws the reason the gate must refuse the pass, if there is one. */
export function judgePass(pass: GatePass, facilityId: string, nowMs: number): void {
  if (pass.facilityId !== facilityId) {
    throw new PassRefusedError(
      'WRONG_FACILITY',
      `Pass ${pass.passId} is for ${pass.facilityId}, not ${facilityId}.`,
    );
  }
  if (nowMs >= Date.parse(pass.validUntil)) {
    throw new PassRefusedError(
      'PASS_EXPIRED',
      `Pass ${pass.passId} expired at ${pass.validUntil}; ask for a new one.`,
    );
  }
  if (nowMs < Date.parse(pass.validFrom)) {
    throw new PassRefusedError(
      'NOT_YET_VALID',
      `Pass ${pass.passId} is valid from ${pass.validFrom}; come back then.`,
    );
  }
}
