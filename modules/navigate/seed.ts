import { seedTable } from '../kit/index.ts';
import { NAVIGATE_SEED_ITEMS } from './seed-graph.ts';

export { NAVIGATE_SEED_ITEMS, SEED_FACILITIES, SEED_ROADS } from './seed-graph.ts';
export { seedNavigate } from './seed-navigate.ts';

/**
 * What `turnout dev` runs at start (cli/dev/seed-module.ts): loads the seed facility
 * graph into the module's `graph` table.
 */
export default seedTable('graph', NAVIGATE_SEED_ITEMS);
