import { createModuleClients, createRestHandler, moduleResources } from '../kit/index.ts';
import { createLoadsApp } from './create-loads-app.ts';
import manifest from './module.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// table's name in TURNOUT_TABLE_LOADS.
const { documents } = createModuleClients();
const { tables } = moduleResources(manifest, { documents });

/** The loads module's Lambda entry: API Gateway HTTP API v2 events in, v2 results out. */
export const handler = createRestHandler(
  createLoadsApp({ documents, tables: { loads: tables.loads.name }, clock: Date }),
);
