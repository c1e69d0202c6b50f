import type { LivenessAnswer } from '../../contracts/health-samples.ts';
import { jsonResponse } from '../http/json-response.ts';
import type { GatewayResponse } from '../types.ts';

/**
 * `GET /_turnout/live`, for anyone (Route 53, a load balancer): 200 `{ "status": "up" }`
 * while the gateway holds a generation and its latest registry read succeeded, else 503
 * `{ "status": "down" }`. Nothing else: which generation, functions or error rates is
 * for holders of the health token (`/_turnout/health`).
 *
 * @example
 * return livenessResponse({ hasGeneration: true, registryReadable: false }); // 503
 */
export function livenessResponse(state: {
  hasGeneration: boolean;
  registryReadable: boolean;
}): GatewayResponse {
  const up = state.hasGeneration && state.registryReadable;
  const answer: LivenessAnswer = { status: up ? 'up' : 'down' };
  return jsonResponse(up ? 200 : 503, answer, { 'cache-control': 'no-store' });
}
