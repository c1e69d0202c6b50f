import { checkResourcePrefix, DEFAULT_RESOURCE_PREFIX } from '../modules/kit/index.ts';
import type { GatewayDomain } from './gateway-stack.ts';

/** Deploy-wide settings, the same for every unit, read from the environment. */
export interface TurnoutSettings {
  /** `TURNOUT_RESOURCE_PREFIX`, default `turnout`: the first part of every physical name. */
  resourcePrefix: string;
  /** `TURNOUT_HOME_REGION`: where global tables are created, default the stage's Region. */
  homeRegion?: string;
  /** `TURNOUT_REGIONS`, comma-separated: every Region with a gateway, default the stage's. */
  regions?: string[];
  /** `TURNOUT_DOMAIN` and `TURNOUT_HOSTED_ZONE`: the shared API name and its zone. */
  domain?: GatewayDomain;
}

/**
 * Reads {@link TurnoutSettings}; a domain needs both of its variables, and the prefix
 * must be able to name every resource (`checkResourcePrefix`).
 *
 * @example
 * readTurnoutSettings({ TURNOUT_DOMAIN: 'api.example.com', TURNOUT_HOSTED_ZONE: 'example.com' });
 */
export function readTurnoutSettings(env: Record<string, string | undefined>): TurnoutSettings {
  const regions = env.TURNOUT_REGIONS?.split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  const settings: TurnoutSettings = {
    resourcePrefix: checkResourcePrefix(env.TURNOUT_RESOURCE_PREFIX || DEFAULT_RESOURCE_PREFIX),
  };
  if (env.TURNOUT_HOME_REGION) settings.homeRegion = env.TURNOUT_HOME_REGION;
  if (regions && regions.length > 0) settings.regions = regions;
  if (env.TURNOUT_DOMAIN) {
    if (!env.TURNOUT_HOSTED_ZONE) {
      throw new TypeError(
        `TURNOUT_DOMAIN=${env.TURNOUT_DOMAIN} needs TURNOUT_HOSTED_ZONE, the Route 53 zone that holds it (e.g. TURNOUT_HOSTED_ZONE=example.com).`,
      );
    }
    settings.domain = { name: env.TURNOUT_DOMAIN, hostedZone: env.TURNOUT_HOSTED_ZONE };
  }
  return settings;
}
