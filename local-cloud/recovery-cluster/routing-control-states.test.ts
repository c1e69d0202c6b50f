import { describe, expect, it } from 'vitest';
import { createRoutingControlStates } from './routing-control-states.ts';

const regions = ['us-east-1', 'us-west-2'];
const arnOf = (states: ReturnType<typeof createRoutingControlStates>, region: string) =>
  states.list().find((c) => c.RoutingControlName === `turnout-${region}`)
    ?.RoutingControlArn as string;

describe('createRoutingControlStates', () => {
  it('starts with one routing control per Region, all On', () => {
    const states = createRoutingControlStates({ regions });
    expect(states.list().map((c) => [c.RoutingControlName, c.RoutingControlState])).toEqual([
      ['turnout-us-east-1', 'On'],
      ['turnout-us-west-2', 'On'],
    ]);
  });

  it('turns one Region off while another stays on', () => {
    const states = createRoutingControlStates({ regions });
    states.update([{ RoutingControlArn: arnOf(states, 'us-east-1'), RoutingControlState: 'Off' }]);
    expect(states.get(arnOf(states, 'us-east-1')).RoutingControlState).toBe('Off');
  });

  it('refuses, with ConflictException and nothing changed, an update that turns the last Region off', () => {
    const states = createRoutingControlStates({ regions });
    const entries = regions.map((r) => ({
      RoutingControlArn: arnOf(states, r),
      RoutingControlState: 'Off',
    }));
    expect(() => states.update(entries)).toThrow(
      expect.objectContaining({ code: 'ConflictException' }),
    );
    expect(states.list().every((c) => c.RoutingControlState === 'On')).toBe(true);
  });

  it('lets the safety rule be overridden, as ARC does when it is named', () => {
    const states = createRoutingControlStates({ regions });
    const entries = regions.map((r) => ({
      RoutingControlArn: arnOf(states, r),
      RoutingControlState: 'Off',
    }));
    states.update(entries, [states.safetyRuleArn]);
    expect(states.list().every((c) => c.RoutingControlState === 'Off')).toBe(true);
  });

  it('names what was wrong with a bad update', () => {
    const states = createRoutingControlStates({ regions });
    expect(() =>
      states.update([{ RoutingControlArn: 'arn:nope', RoutingControlState: 'Off' }]),
    ).toThrow(/No routing control arn:nope/);
    expect(() =>
      states.update([
        { RoutingControlArn: arnOf(states, 'us-east-1'), RoutingControlState: 'off' },
      ]),
    ).toThrow(/On or Off/);
  });
});
