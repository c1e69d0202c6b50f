import type * as pulumi from '@pulumi/pulumi';
import { cellUnitManifest, deployUnitManifests } from '../modules/kit/cell-unit-manifest.ts';
import type { ModuleManifest } from '../modules/kit/index.ts';
import { ImpossibleManifestError, UnitError } from './errors.ts';
import { GatewayStack } from './gateway-stack.ts';
import { isProductionEnvironment } from './is-production-environment.ts';
import { listModuleNames } from './list-module-names.ts';
import { loadModuleManifests } from './load-module-manifests.ts';
import { ModuleStack } from './module-stack.ts';
import { parseStage } from './parse-stage.ts';
import { readTurnoutSettings } from './read-turnout-settings.ts';
import { resolveUnit } from './resolve-unit.ts';

export interface DeployUnitInput {
  /** `TURNOUT_UNIT`. */
  unit: string | undefined;
  /** `$app.stage`. */
  stage: string;
  /** The deploy-wide settings (`TURNOUT_*`) and the stage's variables for runtime settings. */
  env: Record<string, string | undefined>;
  /** Options for the stack component, e.g. transformations in tests. */
  opts?: pulumi.ComponentResourceOptions;
}

/**
 * What `run()` of sst.config.ts does: declares the stack of one unit in one stage.
 * Every module's manifest is loaded, so a module stack can refuse a path another owns
 * and the gateway can be granted the `live` alias of each module. Production stages
 * protect their data; the others can be removed in full.
 *
 * @example
 * await deployUnit({ unit: process.env.TURNOUT_UNIT, stage: $app.stage, env: process.env });
 */
export async function deployUnit(input: DeployUnitInput): Promise<Record<string, unknown>> {
  const names = listModuleNames('modules');
  const unit = resolveUnit(input.unit, names);
  const { environment, region } = parseStage(input.stage);
  const settings = readTurnoutSettings(input.env);
  const protectData = isProductionEnvironment(environment);
  const manifests = checkNames(names, await loadModuleManifests(names));
  if (unit.kind === 'gateway') {
    const gateway = new GatewayStack(
      'Gateway',
      {
        region,
        homeRegion: settings.homeRegion,
        regions: settings.regions,
        resourcePrefix: settings.resourcePrefix,
        // A cellular module's cells are what the gateway invokes, each its own function.
        modules: manifests.flatMap((m) => deployUnitManifests(m).map((unit) => unit.name)),
        domain: settings.domain,
        protectData,
        alarmSubscriber: settings.alarmSubscriber,
        auth: settings.auth,
        healthToken: settings.healthToken,
      },
      input.opts,
    );
    return {
      function: gateway.target.function.name,
      endpoint: gateway.http.api.apiEndpoint,
      registryTable: gateway.registry.name,
    };
  }
  const module = manifests.find((m) => m.name === unit.module);
  if (!module) throw new Error(`unreachable: ${unit.module} was listed`);
  const manifest = unitManifest(module, unit.cell);
  const stack = new ModuleStack(
    'Module',
    {
      manifest,
      codeModule: module.name,
      otherModules: manifests.filter((m) => m !== module),
      region,
      homeRegion: settings.homeRegion,
      resourcePrefix: settings.resourcePrefix,
      stage: { name: input.stage, settings: input.env },
      // A cell is reached through the gateway only, which picks the cell by key: a path
      // mapping on the shared domain would send every key to this one cell.
      domain: unit.cell ? undefined : settings.domain?.name,
      auth: settings.auth,
      protectData,
    },
    input.opts,
  );
  return { function: stack.target.function.name, alias: stack.target.alias.arn };
}

/**
 * The manifest a module unit deploys: a cell's own (its names), or the module's. A
 * cellular module deploys cell by cell (`TURNOUT_UNIT=<module>:<cell>`), each in a stack
 * of its own; a cell it does not declare, or no cell at all, is refused.
 */
function unitManifest(manifest: ModuleManifest, cell: string | undefined): ModuleManifest {
  const cells = manifest.cells?.names;
  if (cell === undefined && !cells) return manifest;
  if (cell !== undefined && cells?.includes(cell)) return cellUnitManifest(manifest, cell);
  throw new UnitError(
    'UNKNOWN_UNIT',
    cells
      ? `Module "${manifest.name}" runs in cells (${cells.join(', ')}): deploy each in its own stack, e.g. TURNOUT_UNIT=${manifest.name}:${cells[0]}.`
      : `Module "${manifest.name}" declares no cells: deploy it as TURNOUT_UNIT=${manifest.name}.`,
  );
}

/** A module's folder and its manifest's name must agree: both name its resources. */
function checkNames(names: string[], manifests: ModuleManifest[]): ModuleManifest[] {
  manifests.forEach((manifest, i) => {
    const folder = names[i];
    if (manifest.name !== folder) {
      throw new ImpossibleManifestError(
        'NAME_MISMATCH',
        manifest.name,
        `it is declared in modules/${folder}/module.ts; rename the folder or set name: '${folder}'.`,
      );
    }
  });
  return manifests;
}
