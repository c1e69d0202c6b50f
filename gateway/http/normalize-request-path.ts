import { BadRequestError } from '../errors.ts';

/**
 * What may need resolving: a `//`, a segment starting with `.`, a percent sign (an
 * encoded dot or slash), a backslash. Paths without any (nearly every request) are
 * returned as they are, after one regular-expression test.
 */
const SUSPECT = /\/\/|\/\.|%|\\/;
const ENCODED_SLASH = /%2f/i;
const ENCODED_DOT = /%2e/gi;

/**
 * The path the gateway routes on and a REST module is sent, resolved the way a module's
 * router (a WHATWG URL, as Hono's Lambda adapter builds) would resolve it: `.` segments
 * dropped, `..` taking the segment before it, duplicate slashes collapsed, `%2e` read as
 * a dot. Routing on one path while the module reads another would let
 * `/message/../gatepass/x` reach the message module as `/gatepass/x`.
 *
 * Refused with a BadRequestError (400, `BAD_PATH`): a path not starting with `/`, an
 * encoded slash (`%2F`, `%2f`: one module would read it as a separator, another as a
 * character), a backslash (a URL parser reads it as `/`), and `..` above the root.
 *
 * @example
 * normalizeRequestPath('/message//7/./read'); // '/message/7/read'
 * normalizeRequestPath('/message/%2Fetc');    // a BadRequestError
 */
export function normalizeRequestPath(path: string): string | BadRequestError {
  if (path.charCodeAt(0) === 47 && !SUSPECT.test(path)) return path;
  if (path.charCodeAt(0) !== 47)
    return refuse(`The path "${shorten(path)}" does not start with "/"; send an absolute path.`);
  if (ENCODED_SLASH.test(path))
    return refuse(
      'The path holds an encoded slash (%2F), which modules would read differently; send "/" or encode the character another way.',
    );
  if (path.includes('\\'))
    return refuse('The path holds a backslash, which URL parsers read as "/"; send "/" instead.');
  const segments: string[] = [];
  const raw = path.split('/');
  let trailingSlash = false;
  for (let i = 1; i < raw.length; i++) {
    const segment = (raw[i] as string).replace(ENCODED_DOT, '.');
    trailingSlash = segment === '' || segment === '.' || segment === '..';
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0)
        return refuse('The path climbs above the root with "..": send the path it means.');
      segments.pop();
      continue;
    }
    segments.push(segment);
  }
  if (segments.length === 0) return '/';
  return `/${segments.join('/')}${trailingSlash ? '/' : ''}`;
}

function refuse(message: string): BadRequestError {
  return new BadRequestError('BAD_PATH', 400, message);
}

function shorten(path: string): string {
  return path.length > 100 ? `${path.slice(0, 100)}...` : path;
}
