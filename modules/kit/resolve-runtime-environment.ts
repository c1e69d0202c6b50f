import { RuntimeSettingError } from './errors.ts';
import type { ModuleManifest } from './manifest-schema.ts';

export interface RuntimeStage {
  /**
   * The stage, for the error message.
   * @example 'prod-us-east-1', 'local'
   */
  name: string;
  /**
   * The stage's variables: the environment `sst deploy` runs in, or the values the
   * local cloud provides.
   * @example { AWARDS_SERVICE_URL: 'https://awards.internal.example.com' }
   */
  settings: Readonly<Record<string, string | undefined>>;
}

/**
 * The variables of the module's `runtime.environment` with this stage's values: each
 * from its stage variable (`fromStage`, by default its own name), else its default.
 * One function for every place that sets a function's environment (the module stack,
 * the local provisioner), so a module runs in AWS as it does locally.
 *
 * @throws RuntimeSettingError naming every setting the stage provides no value for, and how to give one
 * @example
 * resolveRuntimeEnvironment(awards, { name: 'local', settings: cloud.stageSettings });
 * // { TURNOUT_AWARDS_SERVICE_URL: 'http://127.0.0.1:50123' }
 */
export function resolveRuntimeEnvironment(
  manifest: Pick<ModuleManifest, 'name' | 'runtime'>,
  stage: RuntimeStage,
): Record<string, string> {
  const resolved: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, setting] of Object.entries(manifest.runtime.environment)) {
    const value = stage.settings[setting.fromStage ?? name] || setting.default;
    if (value === undefined) missing.push(name);
    else resolved[name] = value;
  }
  if (missing.length > 0) throw missingSettings(manifest, stage, missing);
  return resolved;
}

function missingSettings(
  manifest: Pick<ModuleManifest, 'name' | 'runtime'>,
  stage: RuntimeStage,
  missing: string[],
): RuntimeSettingError {
  const lines = missing.map((name) => {
    const setting = manifest.runtime.environment[name];
    const from = setting?.fromStage ?? name;
    return `  - ${name} (${setting?.description}): set ${from} where the stage is deployed, e.g. \`${from}=<value> npx sst deploy --stage ${stage.name}\`, or give it a default in modules/${manifest.name}/module.ts`;
  });
  return new RuntimeSettingError(
    manifest.name,
    missing,
    `Module "${manifest.name}" needs values the stage "${stage.name}" does not provide:\n${lines.join('\n')}`,
  );
}
