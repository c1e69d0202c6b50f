import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The child's side of start-stand-in-lambda.ts: listens on a loopback port of the OS's
 * choosing, keeps connections open as Lambda's endpoint does, prints its URL as the
 * first line of stdout, and exits on SIGTERM or when the benchmark closes its stdin,
 * however the benchmark ends.
 *
 * @example
 * serveStandIn(createServer((req, res) => res.end('{}')));
 */
export function serveStandIn(server: Server): void {
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.stdout.write(`http://127.0.0.1:${port}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
