import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { createRestHandler } from './create-rest-handler.ts';
import { readJsonBody } from './read-json-body.ts';

function httpApiEvent(method: string, path: string, body?: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'api.example.com' },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '01/Jan/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
  };
}

const app = new Hono()
  .get('/message/:id', (c) => c.json({ id: c.req.param('id') }))
  .post('/message', async (c) => {
    const message = await readJsonBody(c, z.object({ to: z.string(), text: z.string().min(1) }));
    return c.json(message, 201);
  })
  .get('/message-crash', () => {
    throw new Error('database password is hunter2');
  })
  .get('/message-teapot', () => {
    throw new HTTPException(418, { message: 'I am a teapot' });
  });
const handler = createRestHandler(app);

describe('createRestHandler', () => {
  it('answers an HTTP API v2 event through the Hono app', async () => {
    const result = await handler(httpApiEvent('GET', '/message/42'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ id: '42' });
  });

  it('answers a valid JSON body', async () => {
    const result = await handler(httpApiEvent('POST', '/message', '{"to":"ana","text":"hi"}'));
    expect(result.statusCode).toBe(201);
  });

  it('answers a body that is not JSON with a 400 that says so', async () => {
    const result = await handler(httpApiEvent('POST', '/message', '{nope'));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('INVALID_JSON');
  });

  it('answers a body with a wrong field with a 400 naming the field', async () => {
    const result = await handler(httpApiEvent('POST', '/message', '{"to":"ana","text":""}'));
    expect(result.statusCode).toBe(400);
    const { error } = JSON.parse(result.body);
    expect(error.code).toBe('INVALID_BODY');
    expect(error.message).toContain('text:');
  });

  it('answers an unhandled error with a 500 that hides the details', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await handler(httpApiEvent('GET', '/message-crash'));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body).error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(result.body).not.toContain('hunter2');
    expect(result.body).not.toContain('    at ');
    log.mockRestore();
  });

  it('answers an HTTPException with its status as JSON', async () => {
    const result = await handler(httpApiEvent('GET', '/message-teapot'));
    expect(result.statusCode).toBe(418);
    expect(JSON.parse(result.body).error).toEqual({ code: 'HTTP_418', message: 'I am a teapot' });
  });

  it('answers an unknown path with a JSON 404', async () => {
    const result = await handler(httpApiEvent('GET', '/elsewhere'));
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body).error.code).toBe('NOT_FOUND');
  });

  it('lets the app handle its own errors first', async () => {
    const own = new Hono()
      .onError((_, c) => c.json({ mine: true }, 409))
      .get('/x', () => {
        throw new Error('conflict');
      });
    const result = await createRestHandler(own)(httpApiEvent('GET', '/x'));
    expect(result.statusCode).toBe(409);
  });

  describe('in Lambda', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
    });

    it('counts each answer for its version: a 500 it answered is a server error', async () => {
      vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'turnout-message');
      vi.stubEnv('AWS_LAMBDA_FUNCTION_VERSION', '4');
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const counted = createRestHandler(app);
      const lines: string[] = [];
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      await counted(httpApiEvent('GET', '/message/42'));
      await counted(httpApiEvent('GET', '/message-crash'));
      await counted(httpApiEvent('GET', '/elsewhere'));
      const records = lines.map((line) => JSON.parse(line));
      expect(records.map((r) => [r.ExecutedVersion, r.ServerErrors, r.ClientErrors])).toEqual([
        ['4', 0, 0],
        ['4', 1, 0],
        ['4', 0, 1],
      ]);
      expect(records.every((r) => r.Requests === 1 && r.Latency >= 0)).toBe(true);
    });
  });
});
