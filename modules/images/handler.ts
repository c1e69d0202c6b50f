import { createModuleClients, moduleResources } from '../kit/index.ts';
import { createImagesGraphlet } from './create-images-graphlet.ts';
import manifest from './module.ts';

// Defaults at the edge: the kit builds the SDK clients from the environment and finds the
// table's name in TURNOUT_TABLE_IMAGES.
const { documents } = createModuleClients();
const { tables } = moduleResources(manifest, { documents });

/** The images graphlet's Lambda entry: `{ query, variables, ... }` in, `{ data, errors }` out. */
export const handler = createImagesGraphlet({ documents, imagesTable: tables.images.name });
