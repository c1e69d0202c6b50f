import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLoopbackHost } from '../lib/is-loopback-host.ts';

/** The cookie a browser carries after it opened the printed URL. */
export const CONSOLE_COOKIE = 'turnout_console';
/** The header the pages' scripts send with every API call. */
export const CONSOLE_TOKEN_HEADER = 'x-turnout-console-token';

/**
 * Who may use the console: whoever holds the token it printed at start, as a notebook
 * server does, on a loopback Host name only (a DNS-rebinding page carries its own name).
 * The printed `/?token=` URL sets an HttpOnly, SameSite=Strict cookie and redirects to
 * the page without the token in it; pages then work with the cookie. Actions (every
 * POST) need the token in a header, which only the console's own scripts send: a form
 * on another site can neither set the header nor, with SameSite=Strict, send the cookie.
 * Everything else is refused: 403 for a foreign Host, 401 without the token.
 */
export function requireConsoleToken(token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  const matches = (given: string | undefined) => {
    if (!given) return false;
    const bytes = Buffer.from(given);
    return bytes.length === expected.length && timingSafeEqual(bytes, expected);
  };
  return async (c, next) => {
    const host = c.req.header('host');
    if (!isLoopbackHost(host))
      return c.text(
        `Host ${JSON.stringify(host ?? '')} refused: the console answers only localhost, 127.0.0.1 or [::1], so that no web page can reach it through DNS rebinding.\n`,
        403,
      );
    const fromQuery = c.req.query('token');
    if (c.req.method === 'GET' && matches(fromQuery)) {
      setCookie(c, CONSOLE_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(`${url.pathname}${url.search}`, 303);
    }
    const fromHeader = c.req.header(CONSOLE_TOKEN_HEADER);
    const allowed =
      c.req.method === 'GET'
        ? matches(fromHeader) || matches(getCookie(c, CONSOLE_COOKIE))
        : matches(fromHeader);
    if (!allowed)
      return c.text(
        c.req.method === 'GET'
          ? 'The console needs its token: open the URL `turnout console` (or `turnout dev`) printed, with ?token=...\n'
          : `Actions need the console's token in the ${CONSOLE_TOKEN_HEADER} header (the console's pages send it).\n`,
        401,
      );
    await next();
  };
}
