import { cellUnitName } from '../contracts/cell-map.ts';
import { functionName } from '../modules/kit/index.ts';
import { isProductionEnvironment } from './is-production-environment.ts';
import { listModuleNames } from './list-module-names.ts';
import { parseStage } from './parse-stage.ts';
import { readTurnoutSettings } from './read-turnout-settings.ts';
import { resolveUnit } from './resolve-unit.ts';

/** The pinned AWS provider: the one SST 4.17.1 ships its types and components for. */
export const AWS_PROVIDER_VERSION = '7.20.0';

export interface AppSettingsInput {
  /** `TURNOUT_UNIT`: a module name or `gateway`. */
  unit: string | undefined;
  /** The SST stage, `<environment>-<region>`. */
  stage: string;
  /**
   * The deploy-wide settings' variables (`TURNOUT_RESOURCE_PREFIX`).
   * @default {}
   */
  env?: Record<string, string | undefined>;
  /**
   * Where the modules live.
   * @default 'modules'
   */
  modulesDir?: string;
}

/** What `app()` of sst.config.ts returns. */
export interface AppSettings {
  name: string;
  home: 'aws';
  removal: 'retain' | 'remove';
  protect: boolean;
  providers: { aws: { region: string; version: string } };
}

/**
 * One SST app per unit, so each module and the gateway has its own state and lock in
 * every stage; the stage's Region becomes the AWS provider's Region. The app is named
 * like the unit's function, so two environments with their own resource prefixes never
 * share a state, even under one stage name.
 *
 * @example
 * createAppSettings({ unit: 'ratings', stage: 'prod-us-east-1' });
 * // { name: 'turnout-ratings', providers: { aws: { region: 'us-east-1', ... } }, ... }
 */
export function createAppSettings(input: AppSettingsInput): AppSettings {
  const unit = resolveUnit(input.unit, listModuleNames(input.modulesDir ?? 'modules'));
  const { environment, region } = parseStage(input.stage);
  const { resourcePrefix } = readTurnoutSettings(input.env ?? {});
  const name = functionName(
    unit.kind === 'gateway'
      ? 'gateway'
      : unit.cell
        ? cellUnitName(unit.module, unit.cell)
        : unit.module,
    resourcePrefix,
  );
  const kept = isProductionEnvironment(environment);
  return {
    name,
    home: 'aws',
    removal: kept ? 'retain' : 'remove',
    protect: kept,
    providers: { aws: { region, version: AWS_PROVIDER_VERSION } },
  };
}
