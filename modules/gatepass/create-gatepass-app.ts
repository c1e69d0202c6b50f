import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { z } from 'zod';
import { readInput, readJsonBody, useRestErrors } from '../kit/index.ts';
import { checkGatePass } from './check-gate-pass.ts';
import { checkPassBodySchema, issuePassBodySchema, passIdSchema } from './gate-pass.ts';
import { getGatePass } from './get-gate-pass.ts';
import { issueGatePass } from './issue-gate-pass.ts';

export interface GatepassAppOptions {
  documents: DynamoDBDocumentClient;
  /** Physical table names by logical name (module.ts). */
  tables: { passes: string };
  /** Epoch milliseconds; tests move it to make passes valid or expired. @default Date */
  clock?: { now(): number };
}

const passParamsSchema = z.object({ passId: passIdSchema });

/**
 * The gatepass module's REST API under `/gatepass`.
 *
 * @example
 * const app = createGatepassApp({ documents, tables: { passes: 'turnout-gatepass-passes' } });
 * await app.request('/gatepass', { method: 'POST', body: JSON.stringify({ loadId, facilityId, validMinutes: 120 }) });
 */
export function createGatepassApp(options: GatepassAppOptions): Hono {
  const { documents } = options;
  const passesTable = options.tables.passes;
  const clock = options.clock ?? Date;
  const app = useRestErrors(new Hono());

  app.post('/gatepass', async (c) => {
    const body = await readJsonBody(c, issuePassBodySchema);
    const pass = await issueGatePass(body, { documents, passesTable, nowMs: clock.now() });
    return c.json({ pass }, 201);
  });

  app.get('/gatepass/:passId', async (c) => {
    const { passId } = readInput(passParamsSchema, c.req.param(), 'path');
    return c.json({ pass: await getGatePass(documents, passesTable, passId) });
  });

  app.post('/gatepass/:passId/check', async (c) => {
    const { passId } = readInput(passParamsSchema, c.req.param(), 'path');
    const { facilityId } = await readJsonBody(c, checkPassBodySchema);
    const nowMs = clock.now();
    return c.json(await checkGatePass(passId, facilityId, { documents, passesTable, nowMs }));
  });

  return app;
}
