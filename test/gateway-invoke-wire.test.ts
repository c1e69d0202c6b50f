import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import aws4 from 'aws4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaInvoker, LambdaInvokeError, type LambdaInvoker } from '../gateway/index.ts';
import { LOCAL_CREDENTIALS, type LocalCloud, startLocalCloud } from '../local-cloud/index.ts';
import { deployFunction, removeTestModules } from './gateway-test-kit.ts';

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
  sessionToken: 'TOKEN123',
};
const PAYLOAD = JSON.stringify({
  query: '{ _titles(ids: ["t1"]) { title } }',
  variables: { ü: 'ß' },
  context: { requestId: 'r1' },
});

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An HTTP server that keeps each request and answers like a successful Invoke. */
async function startCapture(): Promise<{ url: string; requests: Captured[]; server: Server }> {
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '3' });
      res.end('{"data":{"ok":true}}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

/** Recomputes the SigV4 signature of a received request from the headers it says it signed. */
function signatureIsValid(request: Captured): boolean {
  const authorization = String(request.headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) headers[name] = String(request.headers[name]);
  const signer = new aws4.RequestSigner(
    {
      host: String(request.headers.host),
      method: request.method,
      path: request.url,
      service: 'lambda',
      region: 'us-east-1',
      body: request.body,
      headers,
      doNotModifyHeaders: true,
    },
    CREDENTIALS,
  );
  // aws4 takes its time from the clock, not from X-Amz-Date: sign at the request's own time.
  (signer as unknown as { datetime: string }).datetime = String(request.headers['x-amz-date']);
  const resigned = signer.sign();
  const expected = /Signature=([0-9a-f]+)/.exec(String(resigned.headers?.Authorization))?.[1];
  return expected !== undefined && authorization.endsWith(`Signature=${expected}`);
}

function credentialScope(request: Captured): string | undefined {
  return /Credential=AKIDEXAMPLE\/\d{8}\/([^,]+)/.exec(String(request.headers.authorization))?.[1];
}

describe('the lean invoke on the wire', () => {
  let capture: Awaited<ReturnType<typeof startCapture>>;

  beforeAll(async () => {
    capture = await startCapture();
  });
  afterAll(() => new Promise<void>((resolve) => capture.server.close(() => resolve())));

  it.each([
    ['a function name', 'turnout-titles'],
    ['a function ARN', 'arn:aws:lambda:us-east-1:000000000000:function:turnout-titles'],
  ])('sends the same signed request as the AWS SDK for %s', async (_case, functionName) => {
    const sdk = new LambdaClient({
      region: 'us-east-1',
      endpoint: capture.url,
      credentials: CREDENTIALS,
      maxAttempts: 1,
    });
    const lean = createLambdaInvoker({
      region: 'us-east-1',
      endpoint: capture.url,
      credentials: CREDENTIALS,
    });
    capture.requests.length = 0;
    const fromSdk = await sdk.send(
      new InvokeCommand({
        FunctionName: functionName,
        Qualifier: 'live',
        Payload: Buffer.from(PAYLOAD),
      }),
    );
    const fromLean = await lean.invoke({
      module: 'titles',
      functionName,
      qualifier: 'live',
      payload: PAYLOAD,
    });
    sdk.destroy();
    await lean.close();

    const [a, b] = capture.requests as [Captured, Captured];
    expect(b.method).toBe(a.method);
    expect(b.url).toBe(a.url);
    expect(b.body).toBe(a.body);
    for (const header of ['content-type', 'content-length', 'host', 'x-amz-security-token']) {
      expect([header, b.headers[header]]).toEqual([header, a.headers[header]]);
    }
    expect(credentialScope(b)).toBe(credentialScope(a));
    expect(credentialScope(a)).toBe('us-east-1/lambda/aws4_request');
    expect(signatureIsValid(a)).toBe(true);
    expect(signatureIsValid(b)).toBe(true);

    expect(fromLean.payload).toBe(Buffer.from(fromSdk.Payload ?? []).toString('utf8'));
    expect(fromLean.executedVersion).toBe(fromSdk.ExecutedVersion);
    expect(fromLean.functionError).toBe(fromSdk.FunctionError);
  });
});

describe('the lean invoke against the local Lambda', () => {
  let cloud: LocalCloud;
  let sdk: LambdaClient;
  let lean: LambdaInvoker;

  beforeAll(async () => {
    cloud = await startLocalCloud();
    await Promise.all([
      deployFunction(
        cloud,
        'wire-echo',
        'export const handler = async (event) => ({ got: event });',
      ),
      deployFunction(
        cloud,
        'wire-throws',
        `export const handler = async () => { throw new TypeError('no such title'); };`,
      ),
      deployFunction(cloud, 'wire-throttled', 'export const handler = async () => 1;', {
        reservedConcurrency: 0,
      }),
    ]);
    sdk = new LambdaClient({
      region: cloud.region,
      endpoint: cloud.endpoints.lambda,
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    lean = createLambdaInvoker({
      region: cloud.region,
      endpoint: cloud.endpoints.lambda,
      credentials: LOCAL_CREDENTIALS,
    });
  }, 120_000);

  afterAll(async () => {
    sdk?.destroy();
    await lean?.close();
    await cloud?.stop();
    await removeTestModules();
  });

  const both = async (functionName: string) => {
    const viaSdk = await sdk
      .send(
        new InvokeCommand({
          FunctionName: functionName,
          Qualifier: 'live',
          Payload: Buffer.from(PAYLOAD),
        }),
      )
      .then(
        (out) => ({ ok: out, error: undefined }),
        (error: Error & { $metadata?: { httpStatusCode?: number } }) => ({ ok: undefined, error }),
      );
    const viaLean = await lean
      .invoke({ module: 'm', functionName, qualifier: 'live', payload: PAYLOAD })
      .then(
        (out) => ({ ok: out, error: undefined }),
        (error: unknown) => ({ ok: undefined, error }),
      );
    return { viaSdk, viaLean };
  };

  it('gets the same result, executed version included', async () => {
    const { viaSdk, viaLean } = await both('wire-echo');
    expect(viaLean.ok?.payload).toBe(Buffer.from(viaSdk.ok?.Payload ?? []).toString('utf8'));
    expect(JSON.parse(viaLean.ok?.payload ?? '')).toEqual({ got: JSON.parse(PAYLOAD) });
    expect(viaLean.ok?.executedVersion).toBe('1');
    expect(viaSdk.ok?.ExecutedVersion).toBe('1');
  });

  it('gets the same function error', async () => {
    const { viaSdk, viaLean } = await both('wire-throws');
    expect(viaSdk.ok?.FunctionError).toBe('Unhandled');
    expect(viaLean.ok?.functionError).toBe('Unhandled');
    const sdkError = JSON.parse(Buffer.from(viaSdk.ok?.Payload ?? []).toString('utf8'));
    const leanError = JSON.parse(viaLean.ok?.payload ?? '');
    expect(leanError.errorType).toBe(sdkError.errorType);
    expect(leanError.errorMessage).toBe('no such title');
  });

  it.each([
    ['an unknown function', 'wire-missing', 404, 'ResourceNotFoundException'],
    ['a throttled function', 'wire-throttled', 429, 'TooManyRequestsException'],
  ])('raises the same error for %s', async (_case, functionName, status, errorType) => {
    const { viaSdk, viaLean } = await both(functionName);
    expect(viaSdk.error?.name).toBe(errorType);
    expect(viaSdk.error?.$metadata?.httpStatusCode).toBe(status);
    expect(viaLean.error).toBeInstanceOf(LambdaInvokeError);
    const error = viaLean.error as LambdaInvokeError;
    expect([error.errorType, error.lambdaStatus]).toEqual([errorType, status]);
    expect(error.message).toContain(viaSdk.error?.message ?? '');
  });
});
