import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Identity } from '../kit/index.ts';
import { InvalidWindowError, PassAlreadyIssuedError } from './errors.ts';
import { type GatePass, type IssuePassBody, newGateCode, newPassId } from './gate-pass.ts';
import { driverOfNewPass, mayReadPass } from './pass-access.ts';
import { loadKey, passKey, RETENTION_SECONDS } from './pass-keys.ts';

export interface IssueGatePassOptions {
  documents: DynamoDBDocumentClient;
  passesTable: string;
  nowMs: number;
  /** Who asks: the pass goes to them (or, for dispatch, to the driver the body names). */
  caller: Identity;
}

/** How far ahead a pass may start. */
const MAX_LEAD_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Issues the load's one gate pass, to the caller (or the driver dispatch names). The
 * pass and the load's claim on it are written in one transaction, each only if absent,
 * so two issues for the same load, even at the same moment, give one pass and one
 * `PassAlreadyIssuedError`, which names the pass only to its driver or dispatch.
 */
export async function issueGatePass(
  body: IssuePassBody,
  options: IssueGatePassOptions,
): Promise<GatePass> {
  const pass = newPass(body, driverOfNewPass(options.caller, body), options.nowMs);
  const expiresAt = Math.floor(Date.parse(pass.validUntil) / 1000) + RETENTION_SECONDS;
  try {
    await options.documents.send(
      new TransactWriteCommand({
        TransactItems: [
          claim(options.passesTable, {
            pk: loadKey(pass.loadId),
            passId: pass.passId,
            driver: pass.driver,
            expiresAt,
          }),
          claim(options.passesTable, { pk: passKey(pass.passId), ...pass, expiresAt }),
        ],
      }),
    );
  } catch (error) {
    if (!isLoadClaimTaken(error)) throw error;
    const existing = await existingClaim(pass.loadId, options);
    const shown = existing && mayReadPass(options.caller, existing) ? existing.passId : undefined;
    throw new PassAlreadyIssuedError(pass.loadId, shown);
  }
  return pass;
}

function newPass(body: IssuePassBody, driver: string, nowMs: number): GatePass {
  const fromMs = body.validFrom ? Date.parse(body.validFrom) : nowMs;
  const untilMs = fromMs + body.validMinutes * 60_000;
  if (untilMs <= nowMs) {
    throw new InvalidWindowError(
      `The window from ${new Date(fromMs).toISOString()} for ${body.validMinutes} minutes is already over: give a later validFrom.`,
    );
  }
  if (fromMs - nowMs > MAX_LEAD_MS) {
    throw new InvalidWindowError('A pass starts at most 30 days ahead: give an earlier validFrom.');
  }
  return {
    passId: newPassId(),
    loadId: body.loadId,
    driver,
    facilityId: body.facilityId,
    code: newGateCode(),
    validFrom: new Date(fromMs).toISOString(),
    validUntil: new Date(untilMs).toISOString(),
    issuedAt: new Date(nowMs).toISOString(),
  };
}

function claim(tableName: string, item: Record<string, unknown>) {
  return {
    Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  };
}

/** The transaction failed because the load's item (the first) already exists. */
function isLoadClaimTaken(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
  );
}

async function existingClaim(
  loadId: string,
  options: IssueGatePassOptions,
): Promise<{ passId: string; driver: string } | undefined> {
  const output = await options.documents.send(
    new GetCommand({
      TableName: options.passesTable,
      Key: { pk: loadKey(loadId) },
      ConsistentRead: true,
    }),
  );
  return output.Item as { passId: string; driver: string } | undefined;
}
