import type { DiscoveredModule } from '../../control-plane/module-catalog/index.ts';
import { deployUnitsOf } from '../../control-plane/module-catalog/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import { type ProvisionedModule, provisionModule } from '../../local-cloud/provision/index.ts';
import type { ModuleCode } from './build-module-cached.ts';
import { LOCAL_ROLE } from './local-role.ts';
import { seedModule } from './seed-module.ts';
import { warmFunction, warmTables } from './warm-functions.ts';

/** What provisioning one deploy unit needs besides the unit and its code. */
export interface UnitContext {
  cloud: LocalCloud;
  buildDirectory: string;
  log: (line: string) => void;
  /** Receives each unit's warming: its function's name when it was not warmed. */
  warming: (warm: Promise<string | undefined>) => void;
  /**
   * False to leave the tables as they are: a module brought back finds the data it left.
   * @default true
   */
  seed?: boolean;
}

/**
 * Provisions and seeds every deploy unit at once, by unit name. Each cell of a cellular
 * module is provisioned whole, under its own names, with the module's code: the cells
 * run the same bundle (built or cached once, by module name).
 */
export function provisionEach(
  discovered: DiscoveredModule[],
  code: Map<string, Promise<ModuleCode>>,
  context: UnitContext,
): Map<string, Promise<ProvisionedModule>> {
  const units = discovered.flatMap((module) =>
    deployUnitsOf(module).map((unit) => ({ unit, code: code.get(module.manifest.name) })),
  );
  return new Map(
    units.map(({ unit, code }) => [unit.manifest.name, provisionUnit(unit, code, context)]),
  );
}

/**
 * One unit's tables, queues, function and alias, then its seed. Its environment starts
 * warming (`warmFunction`) as soon as the live alias exists, so the inits (the most CPU
 * of a start) run while the other units are provisioned and everything is published.
 */
async function provisionUnit(
  module: DiscoveredModule,
  code: Promise<ModuleCode> | undefined,
  { cloud, buildDirectory, log, warming, seed = true }: UnitContext,
): Promise<ProvisionedModule> {
  const { lambda, dynamo, documents } = cloud.clients;
  const done = await provisionModule({
    module,
    clients: cloud.clients,
    buildDirectory,
    role: LOCAL_ROLE,
    stageSettings: cloud.stageSettings,
    code,
  });
  const environment = warmFunction(lambda, {
    FunctionName: done.functionName,
    Qualifier: done.alias,
  });
  const seeded = seed && (await seedModule(module, { documents, tables: done.tables }));
  warming(
    Promise.all([environment, warmTables(dynamo, done)]).then(([warm]) =>
      warm ? undefined : done.functionName,
    ),
  );
  log(
    `  ${done.name}: ${done.functionName}:${done.alias} -> version ${done.liveVersion}${seeded ? ', seed data loaded' : ''}`,
  );
  return done;
}
