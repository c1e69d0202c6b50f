import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaInvoker } from './create-lambda-invoker.ts';

// A server that drops every other connection before answering: the failure a pooled
// keep-alive connection meets when the server closed it just as it was reused. Lambda
// itself cannot be made to do this on purpose, so a stand-in answers here; the wire
// format against the real local Lambda is test/gateway-invoke-wire.test.ts.
let server: Server;
let endpoint: string;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (requests % 2 === 1) {
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'x-amz-executed-version': '3', 'content-type': 'application/json' });
    res.end('{"data":{}}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const request = (idempotent: boolean) => ({
  module: 'titles',
  functionName: 'turnout-titles',
  qualifier: 'live',
  payload: '{}',
  idempotent,
});

describe('createLambdaInvoker', () => {
  it('sends a query once more when its connection fails before an answer', async () => {
    const lambda = createLambdaInvoker({ region: 'us-east-1', endpoint, credentials });
    requests = 0;
    const result = await lambda.invoke(request(true));
    expect(result).toMatchObject({ statusCode: 200, executedVersion: '3' });
    expect(requests).toBe(2);
    await lambda.close();
  });

  it('does not send a mutation twice: the failure reaches the caller', async () => {
    const lambda = createLambdaInvoker({ region: 'us-east-1', endpoint, credentials });
    requests = 0;
    await expect(lambda.invoke(request(false))).rejects.toMatchObject({
      code: 'MODULE_UNAVAILABLE',
    });
    expect(requests).toBe(1);
    await lambda.close();
  });

  it('answers a failure to sign with a rejected promise, sending nothing', async () => {
    const lambda = createLambdaInvoker({
      region: 'us-east-1',
      endpoint,
      credentials: () => {
        throw new Error('No AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
      },
    });
    requests = 0;
    const invoked = lambda.invoke(request(true));
    expect(invoked).toBeInstanceOf(Promise);
    await expect(invoked).rejects.toThrow(/No AWS credentials/);
    expect(requests).toBe(0);
    await lambda.close();
  });
});
