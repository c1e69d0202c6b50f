import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { BadRequestError } from './errors.ts';
import { type RestErrorBody, useRestErrors } from './use-rest-errors.ts';

class PassAlreadyIssuedError extends Error {
  readonly code = 'PASS_ALREADY_ISSUED';
  readonly statusCode = 409;
  readonly details = { passId: 'gp_1', code: 'NOT_MINE', message: 'not mine either' };
}

const app = useRestErrors(new Hono())
  .get('/bad', () => {
    throw new BadRequestError('limit: too big.', { code: 'INVALID_QUERY' });
  })
  .get('/conflict', () => {
    throw new PassAlreadyIssuedError('Load L-1 already has gate pass gp_1.');
  })
  .get('/teapot', () => {
    throw new HTTPException(418, { message: 'I am a teapot' });
  })
  .get('/crash', () => {
    throw new Error('database password is hunter2');
  });

async function answer(path: string) {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as RestErrorBody };
}

describe('useRestErrors', () => {
  it('answers a 4xx error with its status, code and message', async () => {
    expect(await answer('/bad')).toEqual({
      status: 400,
      body: { error: { code: 'INVALID_QUERY', message: 'limit: too big.' } },
    });
  });

  it("puts the error's details beside its code, never in place of it", async () => {
    expect(await answer('/conflict')).toEqual({
      status: 409,
      body: {
        error: {
          code: 'PASS_ALREADY_ISSUED',
          message: 'Load L-1 already has gate pass gp_1.',
          passId: 'gp_1',
        },
      },
    });
  });

  it('answers an HTTPException with its status', async () => {
    expect(await answer('/teapot')).toEqual({
      status: 418,
      body: { error: { code: 'HTTP_418', message: 'I am a teapot' } },
    });
  });

  it('answers an unhandled error with a 500 that hides the details', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { status, body } = await answer('/crash');
    expect(status).toBe(500);
    expect(body.error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(body)).not.toContain('hunter2');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('answers an unknown path with a JSON 404', async () => {
    expect(await answer('/elsewhere')).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No route for GET /elsewhere.' } },
    });
  });

  it('answers a known path with a wrong method with 405 and Allow naming the methods it takes', async () => {
    const routes = useRestErrors(new Hono())
      .use(async (_, next) => next())
      .get('/navigate/route', (c) => c.text('ok'))
      .post('/gatepass/:passId/check', (c) => c.text('ok'))
      .put('/gatepass/:passId/check', (c) => c.text('ok'));
    const post = await routes.request('/navigate/route', { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect(await post.json()).toEqual({
      error: {
        code: 'METHOD_NOT_ALLOWED',
        message: '/navigate/route does not take POST: use GET, HEAD.',
      },
    });
    const get = await routes.request('/gatepass/gp_1/check');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, PUT');
    expect((await routes.request('/navigate/elsewhere', { method: 'POST' })).status).toBe(404);
  });
});
