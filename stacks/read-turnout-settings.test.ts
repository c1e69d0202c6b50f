import { describe, expect, it } from 'vitest';
import { readTurnoutSettings } from './read-turnout-settings.ts';

describe('readTurnoutSettings', () => {
  it('reads who hears of alarms: an email address or an http(s) URL', () => {
    expect(readTurnoutSettings({ TURNOUT_ALARM_SUBSCRIBER: 'oncall@example.com' })).toMatchObject({
      alarmSubscriber: 'oncall@example.com',
    });
    expect(
      readTurnoutSettings({ TURNOUT_ALARM_SUBSCRIBER: 'https://hooks.example.com/a' }),
    ).toMatchObject({ alarmSubscriber: 'https://hooks.example.com/a' });
    expect(readTurnoutSettings({}).alarmSubscriber).toBeUndefined();
  });

  it('refuses a subscriber SNS could not reach, saying what to set', () => {
    expect(() => readTurnoutSettings({ TURNOUT_ALARM_SUBSCRIBER: 'oncall' })).toThrow(
      expect.objectContaining({
        name: 'SettingsError',
        code: 'INVALID_ALARM_SUBSCRIBER',
        message: expect.stringContaining('TURNOUT_ALARM_SUBSCRIBER=oncall@example.com'),
      }),
    );
  });
});

describe('readTurnoutSettings: the token issuer and the health token', () => {
  const issuer = {
    TURNOUT_AUTH_ISSUER: 'https://auth.example.com/',
    TURNOUT_AUTH_AUDIENCE: 'turnout-api, admin-api',
    TURNOUT_AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
  };

  it('reads all three auth variables, lists comma-separated, or none', () => {
    expect(readTurnoutSettings(issuer).auth).toEqual({
      issuers: ['https://auth.example.com/'],
      audiences: ['turnout-api', 'admin-api'],
      jwksUrl: 'https://auth.example.com/.well-known/jwks.json',
    });
    expect(readTurnoutSettings({}).auth).toBeUndefined();
  });

  it('refuses some of the three, naming the missing ones', () => {
    expect(() => readTurnoutSettings({ TURNOUT_AUTH_ISSUER: 'https://auth.example.com/' })).toThrow(
      expect.objectContaining({
        name: 'SettingsError',
        code: 'AUTH_HALF_CONFIGURED',
        message: expect.stringContaining('TURNOUT_AUTH_AUDIENCE and TURNOUT_AUTH_JWKS_URL'),
      }),
    );
  });

  it('refuses keys fetched without TLS', () => {
    expect(() =>
      readTurnoutSettings({ ...issuer, TURNOUT_AUTH_JWKS_URL: 'http://auth.example.com/jwks' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_JWKS_URL' }));
  });

  it('reads the health token, and refuses one short enough to guess', () => {
    const token = 'k3Vq9x1bJ0pWm2ZsT7yR4nHa';
    expect(readTurnoutSettings({ TURNOUT_HEALTH_TOKEN: token }).healthToken).toBe(token);
    expect(readTurnoutSettings({}).healthToken).toBeUndefined();
    expect(() => readTurnoutSettings({ TURNOUT_HEALTH_TOKEN: 'secret' })).toThrow(
      expect.objectContaining({
        code: 'HEALTH_TOKEN_TOO_SHORT',
        message: expect.stringContaining('openssl rand'),
      }),
    );
  });
});

describe('readTurnoutSettings: Route 53 ARC', () => {
  const ARN = 'arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/r';

  it("reads whether to create the controls, and each Region's routing control", () => {
    expect(readTurnoutSettings({}).recoveryControl).toBeUndefined();
    expect(
      readTurnoutSettings({
        TURNOUT_RECOVERY_CONTROL: 'create',
        TURNOUT_ROUTING_CONTROLS: `us-east-1=${ARN}1, us-west-2=${ARN}2`,
      }).recoveryControl,
    ).toEqual({
      create: true,
      routingControlArns: { 'us-east-1': `${ARN}1`, 'us-west-2': `${ARN}2` },
    });
  });

  it('refuses pairs that are not <region>=<routing control ARN>, and unknown settings', () => {
    expect(() => readTurnoutSettings({ TURNOUT_ROUTING_CONTROLS: 'us-east-1' })).toThrow(
      /<region>=<routing control ARN> pairs/,
    );
    expect(() =>
      readTurnoutSettings({ TURNOUT_ROUTING_CONTROLS: 'us-east-1=arn:aws:sns:x' }),
    ).toThrow(/TURNOUT_ROUTING_CONTROLS has "us-east-1=arn:aws:sns:x"/);
    expect(() => readTurnoutSettings({ TURNOUT_RECOVERY_CONTROL: 'yes' })).toThrow(
      /set it to `create`/,
    );
  });
});
