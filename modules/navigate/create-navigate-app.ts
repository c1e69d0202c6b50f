import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import * as z from 'zod';
import { readInput, useRestErrors } from '../kit/index.ts';
import { FacilityNotFoundError } from './errors.ts';
import { findRoute } from './find-route.ts';
import { facilityIdSchema } from './graph-items.ts';
import { createFacilityNodeLoader } from './load-facility-node.ts';

export interface NavigateAppOptions {
  documents: DynamoDBDocumentClient;
  /** Physical table names by logical name (module.ts). */
  tables: { graph: string };
}

const routeQuerySchema = z.object({ from: facilityIdSchema, to: facilityIdSchema });
const facilityParamsSchema = z.object({ facilityId: facilityIdSchema });

/**
 * The navigate module's REST API under `/navigate`.
 *
 * @example
 * const app = createNavigateApp({ documents, tables: { graph: 'turnout-navigate-graph' } });
 * await app.request('/navigate/route?from=DFW7&to=ATL6');
 */
export function createNavigateApp(options: NavigateAppOptions): Hono {
  const app = useRestErrors(new Hono());
  const loader = () => createFacilityNodeLoader(options.documents, options.tables.graph);

  app.get('/navigate/route', async (c) => {
    const { from, to } = readInput(routeQuerySchema, c.req.query(), 'query');
    return c.json({ route: await findRoute(from, to, loader()) });
  });

  app.get('/navigate/facilities/:facilityId', async (c) => {
    const { facilityId } = readInput(facilityParamsSchema, c.req.param(), 'path');
    const node = await loader()(facilityId);
    if (!node) throw new FacilityNotFoundError(facilityId);
    return c.json(node);
  });

  return app;
}
