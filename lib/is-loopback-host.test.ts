import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from './is-loopback-host.ts';

describe('isLoopbackHost', () => {
  it.each([
    'localhost',
    'localhost:4566',
    '127.0.0.1',
    '127.0.0.1:80',
    '[::1]',
    '[::1]:9',
    'LOCALHOST:1',
  ])('takes %s', (host) => expect(isLoopbackHost(host)).toBe(true));

  it.each([
    undefined,
    '',
    'evil.example',
    'evil.example:4566',
    'localhost.evil.example',
    '127.0.0.1.nip.io:80',
    '192.0.2.2:4566',
    '::1',
  ])('refuses %s', (host) => expect(isLoopbackHost(host)).toBe(false));
});
