import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppSettings } from './create-app-settings.ts';

function modulesDir(...names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'turnout-modules-'));
  mkdirSync(join(dir, 'kit'));
  for (const name of names) {
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'module.ts'), 'export default {};\n');
  }
  return dir;
}

describe('createAppSettings', () => {
  const dir = modulesDir('ratings', 'message');

  it('makes one app per unit, so each has its own state and lock', () => {
    const names = ['ratings', 'message', 'gateway'].map(
      (unit) => createAppSettings({ unit, stage: 'prod-us-east-1', modulesDir: dir }).name,
    );
    expect(names).toEqual(['turnout-ratings', 'turnout-message', 'turnout-gateway']);
  });

  it('deploys each stage to the Region it names', () => {
    const east = createAppSettings({ unit: 'ratings', stage: 'prod-us-east-1', modulesDir: dir });
    const west = createAppSettings({ unit: 'ratings', stage: 'prod-eu-west-1', modulesDir: dir });
    expect(east.providers.aws.region).toBe('us-east-1');
    expect(west.providers.aws.region).toBe('eu-west-1');
    expect(east.providers.aws.version).toBe('7.20.0');
  });

  it('protects and retains production, and removes other environments', () => {
    const prod = createAppSettings({ unit: 'gateway', stage: 'prod-us-east-1', modulesDir: dir });
    const staging = createAppSettings({
      unit: 'gateway',
      stage: 'staging-us-east-1',
      modulesDir: dir,
    });
    expect(prod).toMatchObject({ home: 'aws', removal: 'retain', protect: true });
    expect(staging).toMatchObject({ removal: 'remove', protect: false });
  });

  it('asks for TURNOUT_UNIT when it is not set', () => {
    expect(() =>
      createAppSettings({ unit: undefined, stage: 'prod-us-east-1', modulesDir: dir }),
    ).toThrow(expect.objectContaining({ name: 'UnitError', code: 'UNIT_NOT_SET' }));
  });

  it('lists the units when TURNOUT_UNIT names none, the kit included', () => {
    expect(() =>
      createAppSettings({ unit: 'kit', stage: 'prod-us-east-1', modulesDir: dir }),
    ).toThrow('TURNOUT_UNIT="kit" names no unit. Use one of: gateway, message, ratings');
  });

  it('refuses a stage without a Region', () => {
    expect(() => createAppSettings({ unit: 'ratings', stage: 'prod', modulesDir: dir })).toThrow(
      expect.objectContaining({
        name: 'StageFormatError',
        code: 'INVALID_STAGE',
        message: expect.stringContaining('--stage prod-us-east-1'),
      }),
    );
  });
});
