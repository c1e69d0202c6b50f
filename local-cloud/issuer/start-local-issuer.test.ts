import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalIssuer, startLocalIssuer } from './start-local-issuer.ts';

let issuer: LocalIssuer;

beforeAll(async () => {
  issuer = await startLocalIssuer();
});

afterAll(() => issuer?.stop());

/** POST /token with a chosen Host header (fetch may not set one). */
function askForToken(host: string): Promise<{ status: number; body: string }> {
  const url = new URL(issuer.tokenUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { host, 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ sub: 'driver-D1', scope: 'messages:read' }));
  });
}

describe('the local token issuer', () => {
  it('signs a token for a request to a loopback Host', async () => {
    const answer = await askForToken(`127.0.0.1:${new URL(issuer.tokenUrl).port}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/ey[\w-]+\.[\w-]+\.[\w-]+/);
  });

  it('refuses a foreign Host, as a DNS-rebinding page would send, and signs nothing', async () => {
    const answer = await askForToken('evil.example');
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('refused');
    expect(answer.body).not.toMatch(/ey[\w-]+\.[\w-]+\.[\w-]+/);
  });
});
