import { UnitError } from './errors.ts';

/** The unit that is not a module. */
export const GATEWAY_UNIT = 'gateway';

/** What one SST app deploys: the gateway, one module, or one cell of a cellular module. */
export type Unit = { kind: 'gateway' } | { kind: 'module'; module: string; cell?: string };

/**
 * Reads the unit from `TURNOUT_UNIT`. One SST app per unit means one state and one lock
 * per module per stage: no team waits for another.
 *
 * @example
 * resolveUnit('ratings', ['names', 'ratings']); // { kind: 'module', module: 'ratings' }
 */
export function resolveUnit(value: string | undefined, modules: readonly string[]): Unit {
  const known = [GATEWAY_UNIT, ...modules].join(', ');
  if (!value) {
    throw new UnitError(
      'UNIT_NOT_SET',
      `TURNOUT_UNIT is not set. Name the unit to deploy, one of: ${known}; e.g. \`TURNOUT_UNIT=ratings npx sst deploy --stage prod-us-east-1\`.`,
    );
  }
  if (value === GATEWAY_UNIT) return { kind: 'gateway' };
  if (modules.includes(value)) return { kind: 'module', module: value };
  // `gatepass:cell-2`: one cell, its own app (state, lock), so it may live in its own
  // account. deployUnit checks the cell against the manifest, which is loaded later.
  const [module, cell] = value.split(':');
  if (module && cell && modules.includes(module)) return { kind: 'module', module, cell };
  throw new UnitError(
    'UNKNOWN_UNIT',
    `TURNOUT_UNIT="${value}" names no unit. Use one of: ${known}; a module is a folder modules/<name>/ with a module.ts.`,
  );
}
