import {
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  type LambdaClient,
  ListEventSourceMappingsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { retireModule } from '../../control-plane/publish/index.ts';
import {
  readLatestGeneration,
  type SupergraphGeneration,
} from '../../control-plane/registry/index.ts';
import type { LocalCloud } from '../../local-cloud/index.ts';
import {
  deployUnitManifests,
  functionName,
  LIVE_ALIAS,
  type ModuleManifest,
} from '../../modules/kit/index.ts';

export interface RemoveModuleContext {
  cloud: Pick<LocalCloud, 'clients'>;
  registryTable: string;
  /** Makes the gateway load the newest generation now, not at its next poll. */
  refreshGateway(): Promise<unknown>;
}

export type ModuleRemoveOutcome =
  | {
      outcome: 'removed';
      module: string;
      /** The generation without the module, or undefined when the registry had none of it. */
      generation: number | undefined;
      /** The REST prefixes clients no longer reach (as the registry served them). */
      prefixes: string[];
      /** Whether it served a part of the GraphQL schema, now gone from it. */
      graphql: boolean;
      /** Why a consumer or function could not be deleted, when one could not. */
      leftover?: unknown;
    }
  /** The error says why; the module serves as before. */
  | { outcome: 'refused'; module: string; error: unknown };

/**
 * Takes down a module whose folder (or `module.ts`) was removed while `turnout dev` runs:
 * the registry's generation without it is written (`retireModule`) and the gateway loads
 * it, so clients stop reaching it first; then each deploy unit's queue consumers are
 * deleted (no message is taken by code that is gone: the messages wait in their queues)
 * and its function, with every execution environment, is deleted.
 *
 * Its tables and queues, and what is in them, are kept: a folder of that name brought
 * back is added as a new module would be, and finds its data. Local only: in AWS a
 * module goes with its stack.
 *
 * @example
 * const outcome = await removeModule(manifest, { cloud, registryTable, refreshGateway });
 */
export async function removeModule(
  manifest: ModuleManifest,
  context: RemoveModuleContext,
): Promise<ModuleRemoveOutcome> {
  let generation: number | undefined;
  let served: Pick<SupergraphGeneration, 'routes' | 'subgraphs'> = { routes: [], subgraphs: [] };
  try {
    const { documents } = context.cloud.clients;
    served = (await readLatestGeneration(documents, context.registryTable)) ?? served;
    const retired = await retireModule({
      module: manifest.name,
      clients: context.cloud.clients,
      registryTable: context.registryTable,
    });
    generation = retired?.generation;
    await context.refreshGateway();
  } catch (error) {
    return { outcome: 'refused', module: manifest.name, error };
  }
  const leftover = await deleteModuleFunctions(context.cloud.clients.lambda, manifest).then(
    () => undefined,
    (error: unknown) => error,
  );
  return {
    outcome: 'removed',
    module: manifest.name,
    generation,
    prefixes: served.routes.filter((r) => r.module === manifest.name).map((r) => r.prefix),
    graphql: served.subgraphs.some((s) => s.module === manifest.name),
    ...(leftover === undefined ? {} : { leftover }),
  };
}

/**
 * Each deploy unit's queue consumers, then its function with every execution environment.
 * Tables and queues are not touched.
 *
 * @throws the first error of a unit whose consumers or function could not be deleted
 */
export async function deleteModuleFunctions(
  lambda: LambdaClient,
  manifest: ModuleManifest,
): Promise<void> {
  const deleted = await Promise.allSettled(
    deployUnitManifests(manifest).map((unit) => deleteUnitFunction(lambda, unit.name)),
  );
  const failed = deleted.find((unit) => unit.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The unit's queue consumers (on `live`, or on the function), then the function itself. */
async function deleteUnitFunction(lambda: LambdaClient, unit: string): Promise<void> {
  const name = functionName(unit);
  for (const target of [`${name}:${LIVE_ALIAS}`, name]) {
    const { EventSourceMappings = [] } = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: target }),
    );
    for (const { UUID } of EventSourceMappings) {
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID }));
    }
  }
  try {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
  } catch (error) {
    // why: a module refused at its add may never have had its function made
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
