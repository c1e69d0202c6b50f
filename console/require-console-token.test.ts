import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { CONSOLE_TOKEN_HEADER, requireConsoleToken } from './require-console-token.ts';

const TOKEN = 'the-printed-token';
const app = new Hono()
  .use(requireConsoleToken(TOKEN))
  .get('/', (c) => c.text('fleet'))
  .post('/act', (c) => c.text('done'));
const send = (path: string, init: RequestInit & { host?: string } = {}) =>
  app.request(`http://127.0.0.1:7000${path}`, {
    ...init,
    headers: { host: init.host ?? '127.0.0.1:7000', ...(init.headers as Record<string, string>) },
  });

describe('requireConsoleToken', () => {
  it('refuses a request without the token, or with a wrong one (401)', async () => {
    expect((await send('/')).status).toBe(401);
    expect((await send('/?token=wrong')).status).toBe(401);
    expect((await send('/', { headers: { cookie: 'turnout_console=wrong' } })).status).toBe(401);
  });

  it('refuses a foreign Host name even with the token (403): DNS rebinding', async () => {
    const refused = await send(`/?token=${TOKEN}`, { host: 'evil.example:7000' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toMatch(/answers only localhost/);
  });

  it('trades the printed URL for a strict cookie and a redirect without the token', async () => {
    const opened = await send(`/?token=${TOKEN}&x=1`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/?x=1');
    expect(opened.headers.get('set-cookie')).toMatch(
      /^turnout_console=the-printed-token;.*HttpOnly.*SameSite=Strict/,
    );
    const page = await send('/', { headers: { cookie: `turnout_console=${TOKEN}` } });
    expect(await page.text()).toBe('fleet');
  });

  it('acts only with the token in its header, never on the cookie alone', async () => {
    const forged = await send('/act', {
      method: 'POST',
      headers: { cookie: `turnout_console=${TOKEN}` },
    });
    expect(forged.status).toBe(401);
    const sent = await send('/act', { method: 'POST', headers: { [CONSOLE_TOKEN_HEADER]: TOKEN } });
    expect(await sent.text()).toBe('done');
  });
});
