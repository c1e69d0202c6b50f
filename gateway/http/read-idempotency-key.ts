import { BadRequestError } from '../errors.ts';
import type { GatewayRequest } from '../types.ts';

/** Printable ASCII without spaces, as the IETF draft's examples and Stripe's keys are. */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key` (draft-ietf-httpapi-idempotency-key-header), checked:
 * a module stores the key with the answer, so it must be a short printable token. A
 * retried write that carries the same key is applied once by the module (the kit's
 * idempotency); the gateway only checks the key and passes it on.
 *
 * @throws BadRequestError (400 INVALID_IDEMPOTENCY_KEY) for a key that is not one
 * @example
 * readIdempotencyKey({ headers: { 'idempotency-key': 'c0ffee-1' }, ... }) // 'c0ffee-1'
 */
export function readIdempotencyKey(request: GatewayRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!KEY.test(key)) {
    throw new BadRequestError(
      'INVALID_IDEMPOTENCY_KEY',
      400,
      'The Idempotency-Key header must be 1-255 printable ASCII characters without spaces, e.g. a UUID.',
    );
  }
  return key;
}
