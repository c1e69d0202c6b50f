import { checkResourcePrefix, DEFAULT_RESOURCE_PREFIX } from '../modules/kit/index.ts';
import { subscriberProtocol } from './alarm-topic.ts';
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
  /** `TURNOUT_ALARM_SUBSCRIBER`: an email address or http(s) URL told of every alias alarm. */
  alarmSubscriber?: string;
}

/**
 * Reads {@link TurnoutSettings}; a domain needs both of its variables, the prefix must
 * be able to name every resource (`checkResourcePrefix`), and an alarm subscriber must be
 * an email address or an http(s) URL (SettingsError).
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
  const subscriber = env.TURNOUT_ALARM_SUBSCRIBER?.trim();
  if (subscriber) {
    subscriberProtocol(subscriber);
    settings.alarmSubscriber = subscriber;
  }
  return settings;
}
