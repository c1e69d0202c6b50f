import type { HealthSamplesAnswer } from '../../contracts/health-samples.ts';
import { errorResponse, jsonResponse } from '../http/json-response.ts';
import type { GatewayRequest, GatewayResponse } from '../types.ts';
import { checkHealthToken } from './check-health-token.ts';
import type { HealthRecorder } from './create-health-recorder.ts';

/**
 * `GET /_turnout/health?functionName=&since=`: the samples (gateway/HEALTH.md) for a
 * caller with the health token (`checkHealthToken`), a 401 or 403 for anyone else.
 *
 * @example
 * return healthSamplesResponse(request, health, { generation: 12, token: options.healthToken });
 */
export function healthSamplesResponse(
  request: GatewayRequest,
  health: HealthRecorder,
  served: { generation: number | undefined; token: string | undefined },
): GatewayResponse {
  const refused = checkHealthToken(request.headers, served.token);
  if (refused) return errorResponse(refused.statusCode, refused.code, refused.message);
  const search = new URLSearchParams(request.rawQueryString);
  const since = Number(search.get('since') ?? 0);
  const functionName = search.get('functionName') ?? undefined;
  const samples = health.query({ functionName, since: Number.isFinite(since) ? since : 0 });
  const answer: HealthSamplesAnswer = {
    generation: served.generation,
    latencyBucketBoundsMs: health.latencyBucketBoundsMs,
    samples,
  };
  return jsonResponse(200, answer, { 'cache-control': 'no-store' });
}
