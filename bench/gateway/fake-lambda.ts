/**
 * A stand-in for Lambda's Invoke API, run as a separate process by the gateway
 * benchmark so that the modules' CPU is not counted as the gateway's: it answers
 * `POST /2015-03-31/functions/<name>/invocations` by executing the graphlet's schema.
 * Prints its URL on the first line of stdout.
 */
import { createServer } from 'node:http';
import { type DocumentNode, execute, parse } from 'graphql';
import { buildSubgraphSchema } from '../../gateway/graphql/build-supergraph-schema.ts';
import { BENCH_MODULES } from './bench-modules.ts';
import { serveStandIn } from './serve-stand-in.ts';

const schemas = new Map(
  Object.entries(BENCH_MODULES).map(([module, { sdl, roots }]) => [
    `turnout-${module}`,
    { schema: buildSubgraphSchema({ module, sdl }), roots },
  ]),
);

const documents = new Map<string, DocumentNode>();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', async () => {
    const name = decodeURIComponent(req.url?.split('/')[3] ?? '');
    const target = schemas.get(name);
    if (!target) {
      res.writeHead(404, { 'x-amzn-errortype': 'ResourceNotFoundException' });
      res.end(JSON.stringify({ message: `Function not found: ${name}` }));
      return;
    }
    const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    // Parsed once per query text (the gateway sends the same few), as the kit's handler does.
    let document = documents.get(event.query);
    if (!document) {
      document = parse(event.query);
      documents.set(event.query, document);
    }
    const result = await execute({
      schema: target.schema,
      document,
      variableValues: event.variables,
      rootValue: target.roots,
    });
    res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '1' });
    res.end(JSON.stringify(result));
  });
});
serveStandIn(server);
