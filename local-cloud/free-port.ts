import { createServer } from 'node:net';

/**
 * Asks the OS for a free loopback port. Only for services that cannot listen on
 * port 0 themselves and report back (DynamoDB Local takes a fixed `-port`).
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
