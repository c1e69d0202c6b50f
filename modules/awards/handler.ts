import { createAwardsClient } from './create-awards-client.ts';
import { createAwardsGraphlet } from './create-awards-graphlet.ts';

// Defaults at the edge: the service's address comes from the environment, which the
// manifest declares (runtime.environment) and the module's stack and the local
// provisioner set. Without it each request answers how to fix it.
const awards = createAwardsClient({ baseUrl: process.env.TURNOUT_AWARDS_SERVICE_URL });

/** The awards graphlet's Lambda entry: `{ query, variables, ... }` in, `{ data, errors }` out. */
export const handler = createAwardsGraphlet({ awards });
