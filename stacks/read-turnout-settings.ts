import { checkResourcePrefix, DEFAULT_RESOURCE_PREFIX } from '../modules/kit/index.ts';
import { subscriberProtocol } from './alarm-topic.ts';
import type { AuthSettings } from './auth-settings.ts';
import { SettingsError } from './errors.ts';
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
  /**
   * `TURNOUT_AUTH_ISSUER`, `TURNOUT_AUTH_AUDIENCE` (each comma-separated) and
   * `TURNOUT_AUTH_JWKS_URL`, all three or none: who issues the tokens the gateway and the
   * module APIs' JWT authorizers accept. Without them every request is anonymous.
   */
  auth?: AuthSettings;
  /**
   * `TURNOUT_HEALTH_TOKEN`: the secret the gateway asks of readers of its health samples
   * (header `x-turnout-health-token`); the pipeline sends the same variable's value.
   */
  healthToken?: string;
  /**
   * `TURNOUT_RECOVERY_CONTROL=create` (the home Region's gateway acts on it): create the ARC
   * cluster, control panel, routing controls and safety rule. `TURNOUT_ROUTING_CONTROLS`,
   * `<region>=<arn>` comma-separated (the home stack's `routingControlArns` output): each
   * Region's gateway ties its latency record to its own.
   */
  recoveryControl?: { create: boolean; routingControlArns: Record<string, string> };
}

/** Shorter than this, a health token could be guessed; `openssl rand -base64 24` gives 32. */
export const MIN_HEALTH_TOKEN_LENGTH = 16;

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
  const auth = readAuthSettings(env);
  if (auth) settings.auth = auth;
  const healthToken = readHealthToken(env);
  if (healthToken) settings.healthToken = healthToken;
  const recoveryControl = readRecoveryControl(env);
  if (recoveryControl) settings.recoveryControl = recoveryControl;
  return settings;
}

/**
 * The token issuer, as the gateway reads it (gateway/auth/read-auth-options-from-env.ts):
 * all three variables or none, refused here so a half-configured gateway never deploys.
 *
 * @throws SettingsError AUTH_HALF_CONFIGURED, INVALID_JWKS_URL
 */
export function readAuthSettings(
  env: Record<string, string | undefined>,
): AuthSettings | undefined {
  const issuers = list(env.TURNOUT_AUTH_ISSUER);
  const audiences = list(env.TURNOUT_AUTH_AUDIENCE);
  const jwksUrl = env.TURNOUT_AUTH_JWKS_URL?.trim() ?? '';
  const missing = [
    issuers.length > 0 ? '' : 'TURNOUT_AUTH_ISSUER',
    audiences.length > 0 ? '' : 'TURNOUT_AUTH_AUDIENCE',
    jwksUrl ? '' : 'TURNOUT_AUTH_JWKS_URL',
  ].filter(Boolean);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) {
    throw new SettingsError(
      'AUTH_HALF_CONFIGURED',
      `Token verification is half configured: set ${missing.join(' and ')} too, or unset all three to serve every request as anonymous.`,
    );
  }
  if (!/^https:\/\/[^/]/.test(jwksUrl)) {
    // The gateway trusts whatever keys it fetches: only TLS makes them the issuer's.
    throw new SettingsError(
      'INVALID_JWKS_URL',
      `TURNOUT_AUTH_JWKS_URL=${jwksUrl} is not an https:// URL; give the issuer's key set, e.g. TURNOUT_AUTH_JWKS_URL=https://auth.example.com/.well-known/jwks.json.`,
    );
  }
  return { issuers, audiences, jwksUrl };
}

/** @throws SettingsError HEALTH_TOKEN_TOO_SHORT */
function readHealthToken(env: Record<string, string | undefined>): string | undefined {
  const token = env.TURNOUT_HEALTH_TOKEN?.trim();
  if (!token) return undefined;
  if (token.length < MIN_HEALTH_TOKEN_LENGTH) {
    throw new SettingsError(
      'HEALTH_TOKEN_TOO_SHORT',
      `TURNOUT_HEALTH_TOKEN has ${token.length} characters, fewer than ${MIN_HEALTH_TOKEN_LENGTH}: make one with \`openssl rand -base64 24\` and give the pipeline the same value.`,
    );
  }
  return token;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** @throws SettingsError INVALID_ROUTING_CONTROLS */
function readRecoveryControl(
  env: Record<string, string | undefined>,
): TurnoutSettings['recoveryControl'] {
  const create = env.TURNOUT_RECOVERY_CONTROL?.trim();
  if (create && create !== 'create')
    throw new SettingsError(
      'INVALID_ROUTING_CONTROLS',
      `TURNOUT_RECOVERY_CONTROL=${create} is not a setting: set it to \`create\` (the home Region's gateway then creates the ARC controls), or leave it out.`,
    );
  const routingControlArns: Record<string, string> = {};
  for (const entry of list(env.TURNOUT_ROUTING_CONTROLS)) {
    const [region, arn] = entry.split(/=(.*)/s, 2).map((part) => part.trim());
    if (!region || !arn?.startsWith('arn:aws:route53-recovery-control::'))
      throw new SettingsError(
        'INVALID_ROUTING_CONTROLS',
        `TURNOUT_ROUTING_CONTROLS has "${entry}": give <region>=<routing control ARN> pairs, comma-separated, as the home Region's gateway stack outputs them (routingControlArns).`,
      );
    routingControlArns[region] = arn;
  }
  if (!create && !Object.keys(routingControlArns).length) return undefined;
  return { create: create === 'create', routingControlArns };
}
