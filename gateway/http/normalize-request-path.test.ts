import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors.ts';
import { normalizeRequestPath } from './normalize-request-path.ts';

/** What a module's router reads: Hono's Lambda adapter builds a WHATWG URL from the path. */
const readByModule = (path: string) => new URL(`https://api.example.com${path}`).pathname;

describe('normalizeRequestPath', () => {
  it('returns a plain path as it is', () => {
    expect(normalizeRequestPath('/message/7')).toBe('/message/7');
    expect(normalizeRequestPath('/')).toBe('/');
    expect(normalizeRequestPath('/message/a%20b')).toBe('/message/a%20b');
    expect(normalizeRequestPath('/.well-known/thing')).toBe('/.well-known/thing');
  });

  it.each([
    ['/message/../gatepass/x', '/gatepass/x'],
    ['/message/./7', '/message/7'],
    ['/message//7', '/message/7'],
    ['//message///7//', '/message/7/'],
    ['/message/%2e%2e/gatepass/x', '/gatepass/x'],
    ['/message/.%2E/gatepass/x', '/gatepass/x'],
    ['/message/7/..', '/message/'],
    ['/message/7/.', '/message/7/'],
    ['/message/..', '/'],
  ])('resolves %s to %s', (path, resolved) => {
    expect(normalizeRequestPath(path)).toBe(resolved);
  });

  it.each([
    '/message/../gatepass/x',
    '/a/./b/../../c/',
    '/message/%2e%2E/x',
    '/message//7',
    '/x/y/z/../..',
  ])('resolves %s to the very path a module router reads from it', (path) => {
    const resolved = normalizeRequestPath(path) as string;
    expect(readByModule(resolved)).toBe(resolved);
  });

  it.each([
    ['/message/%2Fetc', 'encoded slash'],
    ['/message/a%2fb', 'encoded slash'],
    ['/message\\..\\gatepass', 'backslash'],
    ['/..', 'above the root'],
    ['/message/../../etc', 'above the root'],
    ['message/7', 'does not start with "/"'],
    ['http://evil.example/message', 'does not start with "/"'],
  ])('refuses %s with 400 BAD_PATH (%s)', (path, reason) => {
    const refused = normalizeRequestPath(path);
    expect(refused).toBeInstanceOf(BadRequestError);
    expect(refused).toMatchObject({ code: 'BAD_PATH', statusCode: 400 });
    expect((refused as BadRequestError).message).toContain(reason);
  });
});
