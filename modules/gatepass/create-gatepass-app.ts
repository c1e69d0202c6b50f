import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import * as z from 'zod';
import {
  ForbiddenError,
  type IdempotencyStore,
  idempotentWrites,
  readInput,
  readJsonBody,
  requireIdentity,
  requireKnownId,
  restIdentity,
  useRestErrors,
} from '../kit/index.ts';
import { checkGatePass } from './check-gate-pass.ts';
import { checkPassBodySchema, issuePassBodySchema, passIdSchema } from './gate-pass.ts';
import { getGatePass } from './get-gate-pass.ts';
import { issueGatePass } from './issue-gate-pass.ts';
import { CHECK_SCOPES, ISSUE_SCOPES, mayReadPass } from './pass-access.ts';

export interface GatepassAppOptions {
  documents: DynamoDBDocumentClient;
  /** Physical table names by logical name (module.ts). */
  tables: { passes: string };
  /** Epoch milliseconds; tests move it to make passes valid or expired. @default Date */
  clock?: { now(): number };
  /** Makes issuing and checking idempotent per Idempotency-Key; without it every request runs. */
  idempotency?: IdempotencyStore;
  /**
   * The facilities whose gates take passes (the manifest's TURNOUT_FACILITIES): a pass for
   * any other is refused, nothing stored.
   */
  facilities: ReadonlySet<string>;
}

const passParamsSchema = z.object({ passId: passIdSchema });

/**
 * The gatepass module's REST API under `/gatepass`. Every request needs a verified
 * caller (the gateway refuses others by the manifest's rules; the module checks again,
 * since it is where the passes are): a driver issues and reads their own passes,
 * dispatch any; the gate checks a pass with the code the driver shows.
 *
 * @example
 * const app = createGatepassApp({ documents, tables: { passes: 'turnout-gatepass-passes' } });
 * await app.request('/gatepass', { method: 'POST', body: JSON.stringify({ loadId, facilityId, validMinutes: 120 }) }, env);
 */
export function createGatepassApp(options: GatepassAppOptions): Hono {
  const { documents } = options;
  const passesTable = options.tables.passes;
  const clock = options.clock ?? Date;
  const app = useRestErrors(new Hono());
  if (options.idempotency) app.use(idempotentWrites(options.idempotency));

  app.post('/gatepass', async (c) => {
    const caller = requireIdentity(restIdentity(c), 'Issuing a gate pass', {
      scopes: ISSUE_SCOPES,
    });
    const body = await readJsonBody(c, issuePassBodySchema);
    requireKnownId(options.facilities, body.facilityId, {
      field: 'facilityId',
      noun: 'facility',
      code: 'UNKNOWN_FACILITY',
    });
    const pass = await issueGatePass(body, { documents, passesTable, nowMs: clock.now(), caller });
    return c.json({ pass }, 201);
  });

  app.get('/gatepass/:passId', async (c) => {
    const caller = requireIdentity(restIdentity(c), 'Reading a gate pass');
    const { passId } = readInput(passParamsSchema, c.req.param(), 'path');
    const pass = await getGatePass(documents, passesTable, passId);
    if (!mayReadPass(caller, pass)) {
      throw new ForbiddenError(
        `Pass ${passId} was issued to another driver; only they or dispatch read it.`,
      );
    }
    return c.json({ pass });
  });

  app.post('/gatepass/:passId/check', async (c) => {
    requireIdentity(restIdentity(c), 'Checking a pass at the gate', { scopes: CHECK_SCOPES });
    const { passId } = readInput(passParamsSchema, c.req.param(), 'path');
    const shown = await readJsonBody(c, checkPassBodySchema);
    const nowMs = clock.now();
    return c.json(await checkGatePass(passId, shown, { documents, passesTable, nowMs }));
  });

  return app;
}
