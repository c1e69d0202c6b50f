import { type Context, Hono } from 'hono';
import type {
  ConsoleEnvironment,
  ConsoleLaunchers,
  ConsoleRegions,
} from './console-environment.ts';
import { createSharedReader } from './create-shared-reader.ts';
import { diffVersionSchemas } from './diff-version-schemas.ts';
import { ConsoleInputError, ReadOnlyConsoleError } from './errors.ts';
import { readCellsView } from './read-cells-view.ts';
import { chartQueries, readDeploymentView } from './read-deployment-view.ts';
import { readFleet } from './read-fleet.ts';
import { createHealthSeriesReader } from './read-health-series.ts';
import { readModuleView } from './read-module-view.ts';
import { readRegionsView } from './read-regions-view.ts';
import { requireConsoleToken } from './require-console-token.ts';
import { createConsoleActions } from './run-console-action.ts';
import { consoleAssets, createAssetReader, renderPage } from './serve-static-files.ts';
import { streamJsonChanges } from './stream-json-changes.ts';

export interface ConsoleAppOptions {
  env: ConsoleEnvironment;
  token: string;
  /** Shows, never acts: no buttons, and every action refused (403). */
  readOnly?: boolean;
  launchers?: ConsoleLaunchers;
  /** The environment's Regions, when it has several (the CLI opens them). */
  regions?: ConsoleRegions;
  /** How often live pages are sent what changed. @default { recordMs: 250, healthMs: 1000 } */
  refresh?: { recordMs?: number; healthMs?: number };
}

/**
 * The console's HTTP surface, for operators (and module teams reading their modules):
 * pages (fleet, a deployment, a module), their JSON and server-sent events under /api/,
 * and the actions (POST). Everything requires the console's token
 * (require-console-token.ts); actions are refused when it is read-only.
 */
export function createConsoleApp(options: ConsoleAppOptions): Hono {
  const { env, token, readOnly = false } = options;
  const recordMs = options.refresh?.recordMs ?? 250;
  const healthMs = options.refresh?.healthMs ?? 1_000;
  const actions = createConsoleActions(env, options.launchers ?? {});
  const asset = createAssetReader(consoleAssets());
  const fleet = createSharedReader(() => readFleet(env), healthMs);
  const { regions } = options;
  const regionsView = createSharedReader(() => readRegionsView(regions), healthMs);
  const settings = { token, readOnly, environment: env.description, regions: Boolean(regions) };
  const app = new Hono();
  app.onError((error, c) => answerError(c, error));
  app.notFound((c) => c.json({ error: `Nothing at ${c.req.path}: the fleet is at /.` }, 404));
  app.use(requireConsoleToken(token));

  app.get('/', async (c) => c.html(await renderPage('fleet', settings)));
  app.get('/deployments/:id', async (c) => c.html(await renderPage('deployment', settings)));
  app.get('/modules/:name', async (c) => c.html(await renderPage('module', settings)));
  app.get('/modules/:name/cells', async (c) => c.html(await renderPage('cells', settings)));
  app.get('/regions', async (c) => c.html(await renderPage('regions', settings)));
  app.get('/assets/:name', async (c) => {
    const found = asset(c.req.param('name'));
    if (!found) return c.json({ error: `No asset ${c.req.param('name')}.` }, 404);
    return c.body(await found.body, 200, { 'content-type': found.type });
  });

  app.get('/api/fleet', async (c) => c.json(await fleet()));
  app.get('/api/fleet/events', (c) =>
    streamJsonChanges(c, [
      { event: 'fleet', everyMs: healthMs, read: fleet },
      // Each Region's control and health beside the modules, when there are Regions.
      ...(regions ? [{ event: 'regions', everyMs: healthMs, read: regionsView }] : []),
    ]),
  );
  app.get('/api/deployments/:id', async (c) =>
    c.json(await readDeploymentView(env, c.req.param('id'))),
  );
  app.get('/api/deployments/:id/events', async (c) => {
    const id = c.req.param('id');
    await env.store.get(id); // a 404 now, rather than a stream of problems
    const readSeries = new Map<string, ReturnType<typeof createHealthSeriesReader>>();
    const readCharts = async () => {
      const view = await readDeploymentView(env, id);
      const charts: Record<string, unknown> = {};
      for (const q of chartQueries(env, view, Date.now())) {
        let reader = readSeries.get(q.key);
        if (!reader) {
          reader = createHealthSeriesReader(q.target.healthSources);
          readSeries.set(q.key, reader);
        }
        charts[q.key] = await reader(q);
      }
      return charts;
    };
    return streamJsonChanges(c, [
      { event: 'deployment', everyMs: recordMs, read: () => readDeploymentView(env, id) },
      { event: 'charts', everyMs: healthMs, read: readCharts },
    ]);
  });
  app.get('/api/modules/:name', async (c) =>
    c.json(await readModuleView(env, c.req.param('name'))),
  );
  app.get('/api/modules/:name/schema-diff', async (c) => {
    const { from, to } = c.req.query();
    if (!from || !to)
      throw new ConsoleInputError('Give both versions: ?from=<version>&to=<version>.');
    return c.json(await diffVersionSchemas(env, c.req.param('name'), from, to));
  });

  app.get('/api/modules/:name/cells', async (c) =>
    c.json(await readCellsView(env, c.req.param('name'))),
  );
  app.get('/api/modules/:name/cells/events', async (c) => {
    const name = c.req.param('name');
    await readCellsView(env, name); // a 404 now for a module without cells
    return streamJsonChanges(c, [
      { event: 'cells', everyMs: healthMs, read: () => readCellsView(env, name) },
    ]);
  });
  app.get('/api/regions', async (c) => c.json(await regionsView()));
  app.get('/api/regions/events', async (c) => {
    await regionsView(); // a 404 now when there are no Regions
    return streamJsonChanges(c, [{ event: 'regions', everyMs: healthMs, read: regionsView }]);
  });

  const act = async (c: Context) => {
    if (readOnly) throw new ReadOnlyConsoleError();
    return readActionBody(c);
  };
  app.post('/api/deployments/:id/abort', async (c) => {
    const { reason } = await act(c);
    return c.json(await actions.abort(c.req.param('id'), reason));
  });
  app.post('/api/deployments/:id/promote', async (c) => {
    const { reason } = await act(c);
    return c.json(await actions.promote(c.req.param('id'), reason));
  });
  app.post('/api/deployments/:id/retry', async (c) => {
    const { reason } = await act(c);
    return c.json(await actions.retry(c.req.param('id'), reason));
  });
  app.post('/api/modules/:name/rollback', async (c) => {
    const { reason, to } = await act(c);
    return c.json(await actions.rollback(c.req.param('name'), reason, to));
  });
  app.post('/api/regions/failover', async (c) => {
    const { reason, region, restore } = await readFailoverBody(c, await act(c));
    return c.json(await actions.failOver(regions, { reason, region, restore }));
  });
  return app;
}

/** A failover names one Region to send all traffic to (`"to"`), or `"restore": true`. */
async function readFailoverBody(
  c: Context,
  { reason }: { reason: string },
): Promise<{ reason: string; region?: string; restore: boolean }> {
  const { region, restore } = (await c.req.json()) as { region?: unknown; restore?: unknown };
  if (restore === true && region === undefined) return { reason, restore: true };
  if (typeof region === 'string' && region && restore === undefined)
    return { reason, region, restore: false };
  throw new ConsoleInputError(
    'Say where traffic goes: { "region": "us-west-2" } for all of it to one Region, or { "restore": true } for every Region.',
  );
}

/** Every action says why: `{ "reason": "..." }`, and a rollback may name `"to"`. */
async function readActionBody(c: Context): Promise<{ reason: string; to?: string }> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ConsoleInputError('Send a JSON body: { "reason": "why you do this" }.');
  }
  const { reason, to } = (body ?? {}) as { reason?: unknown; to?: unknown };
  if (typeof reason !== 'string' || !reason.trim())
    throw new ConsoleInputError('Say why: every action needs a "reason" (it goes on the record).');
  if (reason.length > 500)
    throw new ConsoleInputError('The reason is over 500 characters: say it shorter.');
  if (to !== undefined && (typeof to !== 'string' || !/^\d+$/.test(to)))
    throw new ConsoleInputError('"to" is a version number, such as "3".');
  return { reason: reason.trim(), ...(to ? { to } : {}) };
}

function answerError(c: Context, error: Error): Response {
  const { statusCode, code } = error as { statusCode?: number; code?: string };
  const status = statusCode ?? (code === 'DEPLOYMENT_NOT_FOUND' ? 404 : code ? 409 : 500);
  return c.json({ error: error.message, ...(code ? { code } : {}) }, status as 400);
}
