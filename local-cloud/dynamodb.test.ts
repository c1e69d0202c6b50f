import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startLocalDynamoDb } from './dynamodb.ts';
import { LocalCloudError } from './errors.ts';

describe('startLocalDynamoDb', () => {
  it('says how to install Java when there is none', async () => {
    const start = startLocalDynamoDb({ javaPath: '/nonexistent/bin/java' });
    await expect(start).rejects.toBeInstanceOf(LocalCloudError);
    await expect(start).rejects.toMatchObject({
      code: 'JAVA_MISSING',
      message: expect.stringContaining('apt-get install -y openjdk-17-jre-headless'),
    });
  });

  it('refuses a port another server holds, though that server answers HTTP there', async () => {
    // Another local service on the port answers every request; only DynamoDB answers ListTables.
    const squatter = createServer((_request, response) =>
      response.end('{"Error":"Unknown action"}'),
    );
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      const start = startLocalDynamoDb({ port });
      await expect(start).rejects.toMatchObject({
        code: 'PORT_IN_USE',
        message: expect.stringContaining(`port ${port}: it is in use`),
      });
    } finally {
      squatter.close();
    }
  }, 60_000);
});
