import { LIVENESS_PATH } from '../../contracts/health-samples.ts';

/**
 * A Region's gateway health in AWS: its `/_turnout/live` (the address Route 53's health
 * check calls), asked from here. Healthy on 200, unhealthy on any other answer or none
 * within the timeout. Route 53's own verdict is a CloudWatch metric keyed by a health
 * check id the pipeline definition does not hold, so it is not read here.
 */
export async function checkGatewayLiveness(
  gatewayUrl: string,
  timeoutMs = 5_000,
): Promise<'healthy' | 'unhealthy'> {
  const response = await fetch(new URL(LIVENESS_PATH, gatewayUrl), {
    signal: AbortSignal.timeout(timeoutMs),
  }).catch(() => undefined);
  await response?.body?.cancel();
  return response?.status === 200 ? 'healthy' : 'unhealthy';
}
