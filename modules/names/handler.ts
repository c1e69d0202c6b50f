import { createModuleClients, moduleResources } from '../kit/index.ts';
import { createNamesGraphlet } from './create-names-graphlet.ts';
import manifest from './module.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// table's name in TURNOUT_TABLE_PEOPLE.
const { documents } = createModuleClients();
const { tables } = moduleResources(manifest, { documents });

/** The names graphlet's Lambda entry: `{ query, variables, ... }` in, `{ data, errors }` out. */
export const handler = createNamesGraphlet({ documents, peopleTable: tables.people.name });
