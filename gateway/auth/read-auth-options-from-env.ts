import { GatewayConfigError } from '../errors.ts';
import type { AuthOptions } from './auth-options.ts';

/**
 * The deployed gateway's token settings, from its environment:
 * TURNOUT_AUTH_ISSUER, TURNOUT_AUTH_AUDIENCE and TURNOUT_AUTH_JWKS_URL (all three, or
 * none: then every request is anonymous), TURNOUT_AUTH_CLOCK_TOLERANCE_SECONDS (60).
 * Several issuers or audiences are comma-separated.
 *
 * @throws GatewayConfigError naming what is missing when only some are set
 * @example
 * createGateway({ ..., auth: readAuthOptionsFromEnv(process.env) });
 */
export function readAuthOptionsFromEnv(env: NodeJS.ProcessEnv): AuthOptions | undefined {
  const issuer = list(env.TURNOUT_AUTH_ISSUER);
  const audience = list(env.TURNOUT_AUTH_AUDIENCE);
  const jwksUrl = env.TURNOUT_AUTH_JWKS_URL?.trim() || undefined;
  if (!issuer && !audience && !jwksUrl) return undefined;
  if (!issuer || !audience || !jwksUrl) {
    const missing = [
      issuer ? '' : 'TURNOUT_AUTH_ISSUER',
      audience ? '' : 'TURNOUT_AUTH_AUDIENCE',
      jwksUrl ? '' : 'TURNOUT_AUTH_JWKS_URL',
    ].filter(Boolean);
    throw new GatewayConfigError(
      `Token verification is half configured: set ${missing.join(' and ')} too, or unset all three to serve every request as anonymous.`,
    );
  }
  const tolerance = env.TURNOUT_AUTH_CLOCK_TOLERANCE_SECONDS;
  return {
    issuer,
    audience,
    jwksUrl,
    ...(tolerance ? { clockToleranceSeconds: Number(tolerance) } : {}),
  };
}

function list(value: string | undefined): string | string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : items;
}
