import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { callerEnv } from '../../test/support/caller-env.ts';
import { restIdentity } from './rest-identity.ts';

const app = new Hono().get('/whoami', (c) => c.json(restIdentity(c) ?? null));

describe('restIdentity', () => {
  it('reads the caller the gateway put in requestContext.authorizer.jwt', async () => {
    const response = await app.request('/whoami', {}, callerEnv('driver-D1', ['messages:read']));
    expect(await response.json()).toEqual({
      sub: 'driver-D1',
      scopes: ['messages:read'],
      claims: { sub: 'driver-D1', scope: 'messages:read' },
    });
  });

  it('reads no one from a request without an authorizer, whatever its headers say', async () => {
    const response = await app.request('/whoami', {
      headers: { authorization: 'Bearer x', 'x-amzn-oidc-identity': 'admin' },
    });
    expect(await response.json()).toBeNull();
  });
});
