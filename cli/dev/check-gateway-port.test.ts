import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGatewayPort } from './check-gateway-port.ts';
import { writeEndpointsFile } from './endpoints-file.ts';
import { GatewayPortTakenError } from './errors.ts';

let directory: string;
let holder: Server;
let port: number;

/** An endpoints file as a `turnout dev` writes it, naming `pid` and a gateway on `gatewayPort`. */
async function endpointsFile(pid: number, gatewayPort: number): Promise<string> {
  const file = join(directory, `endpoints-${pid}-${gatewayPort}.json`);
  await writeEndpointsFile(file, {
    region: 'us-east-1',
    lambda: 'http://127.0.0.1:1',
    dynamodb: 'http://127.0.0.1:2',
    sqs: 'http://127.0.0.1:3',
    gateway: `http://127.0.0.1:${gatewayPort}`,
    registryTable: 'registry',
    deploymentsTable: 'deployments',
    pid,
    startedAt: '2026-12-07T04:00:00.000Z',
  });
  return file;
}

/** A pid no process has: one past the kernel's largest is never given out. */
const ENDED_PID = 4_194_304 + 1;

describe('checkGatewayPort', () => {
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'turnout-port-'));
    holder = createServer();
    await new Promise<void>((done) => holder.listen(0, '127.0.0.1', done));
    port = (holder.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((done) => holder.close(done));
    await rm(directory, { recursive: true, force: true });
  });

  it('passes a free port, and port 0 without looking', async () => {
    const free = createServer();
    await new Promise<void>((done) => free.listen(0, '127.0.0.1', done));
    const freePort = (free.address() as { port: number }).port;
    await new Promise((done) => free.close(done));
    const file = join(directory, 'none.json');
    await expect(
      checkGatewayPort({ port: freePort, endpointsFile: file }),
    ).resolves.toBeUndefined();
    await expect(checkGatewayPort({ port: 0, endpointsFile: file })).resolves.toBeUndefined();
  });

  it('names the pid and URL of the turnout dev that holds the port', async () => {
    const file = await endpointsFile(process.pid, port);
    const error = await checkGatewayPort({ port, endpointsFile: file }).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayPortTakenError);
    expect(error.code).toBe('PORT_TAKEN');
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(`http://127.0.0.1:${port}`);
    expect(error.message).toContain('--port');
  });

  it('does not blame a turnout dev whose process has ended, or that serves another port', async () => {
    for (const file of [
      await endpointsFile(ENDED_PID, port),
      await endpointsFile(process.pid, port + 1),
      join(directory, 'missing.json'),
    ]) {
      const error = await checkGatewayPort({ port, endpointsFile: file }).catch((e) => e);
      expect(error).toBeInstanceOf(GatewayPortTakenError);
      expect(error.holder).toBeUndefined();
      expect(error.message).toContain(`Port ${port} is taken by another program`);
      expect(error.message).not.toContain('pid');
    }
  });
});
