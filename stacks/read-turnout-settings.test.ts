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
