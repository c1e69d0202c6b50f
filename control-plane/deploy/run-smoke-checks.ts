import { randomUUID } from 'node:crypto';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { jwtAuthorizerOf, toApiGatewayEvent } from '../../contracts/rest-invoke-event.ts';
// The kit files it needs, alone: the kit's index loads graphql-tools and zod.
import { fillSmokeCheck } from '../../modules/kit/fill-smoke-check.ts';
import { findSmokeMismatch } from '../../modules/kit/find-smoke-mismatch.ts';
import type { SmokeCaller, SmokeCheck } from '../../modules/kit/index.ts';

export interface SmokeCheckResult {
  name: string;
  passed: boolean;
  detail: string;
  durationMs: number;
}

/**
 * Runs a module's smoke checks against one exact version or alias: GraphQL checks
 * through the graphlet invoke contract, REST checks as API Gateway v2 events.
 * A function error, a GraphQL error or an unexpected status fails the check, and so
 * does an answer that differs from the check's `expect` (a subset of its data, its
 * shape), named by the path that differed.
 * A check with a `caller` runs as that verified caller (contract 6), as the gateway
 * would invoke it for a token with that subject and those scopes.
 * Each run fills the checks' placeholders (`{{uuid}}`) with fresh values, the same for
 * every check of the run, and runs the checks in order, so a check can read what an
 * earlier one wrote.
 */
export async function runSmokeChecks(
  lambda: LambdaClient,
  {
    functionName,
    qualifier,
    checks,
  }: { functionName: string; qualifier: string; checks: readonly SmokeCheck[] },
): Promise<SmokeCheckResult[]> {
  const values = { uuid: randomUUID() };
  const results: SmokeCheckResult[] = [];
  for (const check of checks) {
    const filled = fillSmokeCheck(check, values);
    results.push(await runSmokeCheck(lambda, functionName, qualifier, filled));
  }
  return results;
}

async function runSmokeCheck(
  lambda: LambdaClient,
  functionName: string,
  qualifier: string,
  check: SmokeCheck,
): Promise<SmokeCheckResult> {
  const started = Date.now();
  const requestId = `smoke-${randomUUID()}`;
  const payload = smokeCheckPayload(check, requestId);
  try {
    const answer = await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        Qualifier: qualifier,
        Payload: new TextEncoder().encode(payload),
      }),
    );
    const text = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
    const failure = answer.FunctionError
      ? `the function failed (${answer.FunctionError}): ${text.slice(0, 300)}`
      : judgeAnswer(check, text);
    return {
      name: check.name,
      passed: !failure,
      detail: failure ?? 'passed',
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const detail = `the invoke failed: ${error instanceof Error ? error.message : String(error)}`;
    return { name: check.name, passed: false, detail, durationMs: Date.now() - started };
  }
}

/**
 * The invoke payload of a filled smoke check (`fillSmokeCheck`): a graphlet invoke for a
 * GraphQL check, an API Gateway v2 event for a REST one, as its caller when it names one.
 * `turnout dev` sends a module's read-only checks this way to warm its first request.
 */
export function smokeCheckPayload(check: SmokeCheck, requestId: string): string {
  return 'graphql' in check ? graphqlPayload(check, requestId) : restPayload(check, requestId);
}

function graphqlPayload(
  check: Extract<SmokeCheck, { graphql: unknown }>,
  requestId: string,
): string {
  const { query, variables = {} } = check.graphql;
  const identity = check.caller && { ...check.caller, claims: callerClaims(check.caller) };
  const context = identity ? { requestId, identity } : { requestId };
  return JSON.stringify({ query, variables, operationName: null, context });
}

function restPayload(check: Extract<SmokeCheck, { rest: unknown }>, requestId: string): string {
  const { method, path, body } = check.rest;
  const [pathname = '/', rawQueryString = ''] = path.split('?');
  const event = toApiGatewayEvent(
    {
      method,
      path: pathname,
      rawQueryString,
      headers: { 'content-type': 'application/json', 'user-agent': 'turnout-smoke-check' },
      body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
    },
    {
      requestId,
      now: Date.now(),
      ...(check.caller
        ? { authorizer: jwtAuthorizerOf(callerClaims(check.caller), check.caller.scopes) }
        : {}),
    },
  );
  return JSON.stringify(event);
}

/**
 * A smoke check's caller as a verified token would describe it: the pipeline invokes
 * the function directly, with the identity the gateway would pass for such a token.
 */
function callerClaims(caller: SmokeCaller): Record<string, unknown> {
  return { sub: caller.sub, scope: caller.scopes.join(' '), iss: 'turnout-smoke-check' };
}

/** Undefined when the answer is what the check expects; otherwise what was wrong. */
function judgeAnswer(check: SmokeCheck, text: string): string | undefined {
  let answer: {
    errors?: { message?: string }[];
    data?: unknown;
    statusCode?: number;
    body?: string;
    isBase64Encoded?: boolean;
  };
  try {
    answer = JSON.parse(text);
  } catch {
    return `the answer is not JSON: ${text.slice(0, 200)}`;
  }
  if ('graphql' in check) {
    if (answer.errors?.length)
      return `GraphQL errors: ${answer.errors.map((e) => e.message).join('; ')}`;
    if (!answer.data) return 'the answer has no data';
    return check.expect && differs(findSmokeMismatch(check.expect, answer.data, 'data'));
  }
  const expected = check.rest.expectStatus;
  if (answer.statusCode !== expected)
    return `expected status ${expected}, got ${answer.statusCode}: ${String(answer.body ?? '').slice(0, 200)}`;
  if (!check.expect) return undefined;
  const bodyText = answer.isBase64Encoded
    ? Buffer.from(answer.body ?? '', 'base64').toString('utf8')
    : String(answer.body ?? '');
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return `the body is not JSON, so expect cannot hold: ${bodyText.slice(0, 200)}`;
  }
  return differs(findSmokeMismatch(check.expect, body, 'body'));
}

function differs(mismatch: string | undefined): string | undefined {
  return mismatch && `the answer differs from expect at ${mismatch}`;
}
