/**
 * A POST with a JSON body, for an app's `request(path, init)`. A string body is sent as
 * it is, so a test can send malformed JSON; no body sends none.
 *
 * @example
 * await app.request('/loads', jsonPost({ loadId: 'L-1', stops }));
 */
export function jsonPost(body?: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  };
}
