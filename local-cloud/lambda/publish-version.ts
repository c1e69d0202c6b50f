import { randomUUID } from 'node:crypto';
import { PreconditionFailedError } from './errors.ts';
import { configurationFingerprint } from './function-configuration.ts';
import type { FunctionRecord, FunctionVersion } from './types.ts';

export interface PublishInput {
  CodeSha256?: string;
  RevisionId?: string;
  Description?: string;
}

/**
 * Snapshots `$LATEST` as the next numbered version (1, 2, ...). Like Lambda, when neither
 * code nor configuration changed since the last published version, that version is
 * returned instead of a new one. `CodeSha256` and `RevisionId`, when given, must match
 * `$LATEST`: they guard against publishing code someone else just uploaded.
 */
export function publishVersion(
  fn: FunctionRecord,
  input: PublishInput,
  now: number,
): FunctionVersion {
  const latest = fn.latest.config;
  if (input.CodeSha256 && input.CodeSha256 !== latest.CodeSha256) {
    throw new PreconditionFailedError(
      `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  if (input.RevisionId && input.RevisionId !== latest.RevisionId) {
    throw new PreconditionFailedError(
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction API to retrieve the latest Revision Id',
    );
  }
  const last = fn.versions.get(String(fn.lastVersionNumber));
  if (last && configurationFingerprint(last.config) === configurationFingerprint(latest))
    return last;
  const number = String(fn.lastVersionNumber + 1);
  const version: FunctionVersion = {
    code: fn.latest.code,
    config: {
      ...latest,
      Environment: { Variables: { ...latest.Environment.Variables } },
      FunctionArn: `${fn.arn}:${number}`,
      Version: number,
      Description: input.Description ?? latest.Description,
      LastModified: new Date(now).toISOString().replace('Z', '+0000'),
      RevisionId: randomUUID(),
    },
  };
  fn.versions.set(number, version);
  fn.lastVersionNumber += 1;
  return version;
}
