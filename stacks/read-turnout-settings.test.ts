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
