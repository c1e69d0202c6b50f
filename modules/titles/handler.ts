import { createModuleClients, moduleResources } from '../kit/index.ts';
import { createTitlesGraphlet } from './create-titles-graphlet.ts';
import manifest from './module.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// table's name in TURNOUT_TABLE_TITLES.
const { documents } = createModuleClients();
const { tables } = moduleResources(manifest, { documents });

/** The titles graphlet's Lambda entry: `{ query, variables, ... }` in, `{ data, errors }` out. */
export const handler = createTitlesGraphlet({ documents, titlesTable: tables.titles.name });
