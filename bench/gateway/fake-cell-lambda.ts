/**
 * A stand-in for Lambda's Invoke API for the cells benchmark, run in a process of its
 * own (start-stand-in-lambda.ts) so that the module's CPU is not counted as the
 * gateway's. Every function (`turnout-depot`, `turnout-depot-cell-1`, ...) answers at
 * once: a graphlet invoke `{ depotCell: { cell } }`, a REST invoke a 200 with a small
 * JSON body. Prints its URL on the first line of stdout.
 */
import { createServer } from 'node:http';
import { serveStandIn } from './serve-stand-in.ts';

const graphletAnswer = JSON.stringify({ data: { depotCell: { cell: 'cell-1' } } });
const restAnswer = JSON.stringify({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: '{"ok":true}',
  isBase64Encoded: false,
});

const server = createServer((req, res) => {
  let first = '';
  req.on('data', (chunk: Buffer) => {
    if (first === '') first = chunk.toString('utf8', 0, 10);
  });
  req.on('end', () => {
    // The gateway's graphlet payload starts with its query (create-module-executor.ts).
    const answer = first.startsWith('{"query"') ? graphletAnswer : restAnswer;
    res.writeHead(200, { 'content-type': 'application/json', 'x-amz-executed-version': '1' });
    res.end(answer);
  });
});
serveStandIn(server);
