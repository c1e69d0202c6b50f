import { listModuleNames } from './list-module-names.ts';
import { parseStage } from './parse-stage.ts';
import { resolveUnit } from './resolve-unit.ts';

/** Environments whose stacks keep their resources when removed, and refuse removal. */
export const PROTECTED_ENVIRONMENTS = ['prod'];

/** The pinned AWS provider: the one SST 4.17.1 ships its types and components for. */
export const AWS_PROVIDER_VERSION = '7.20.0';

export interface AppSettingsInput {
  /** `TURNOUT_UNIT`: a module name or `gateway`. */
  unit: string | undefined;
  /** The SST stage, `<environment>-<region>`. */
  stage: string;
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
 * every stage; the stage's Region becomes the AWS provider's Region.
 *
 * @example
 * createAppSettings({ unit: 'ratings', stage: 'prod-us-east-1' });
 * // { name: 'turnout-ratings', providers: { aws: { region: 'us-east-1', ... } }, ... }
 */
export function createAppSettings(input: AppSettingsInput): AppSettings {
  const unit = resolveUnit(input.unit, listModuleNames(input.modulesDir ?? 'modules'));
  const { environment, region } = parseStage(input.stage);
  const name = unit.kind === 'gateway' ? 'turnout-gateway' : `turnout-${unit.module}`;
  const kept = PROTECTED_ENVIRONMENTS.includes(environment);
  return {
    name,
    home: 'aws',
    removal: kept ? 'retain' : 'remove',
    protect: kept,
    providers: { aws: { region, version: AWS_PROVIDER_VERSION } },
  };
}
