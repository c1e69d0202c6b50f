import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { foreignHostMessage, isLoopbackHost } from '../../local-cloud/is-loopback-host.ts';

/**
 * A stand-in for the Route 53 ARC cluster's data plane, for the pipeline's tests only:
 * GetRoutingControlState and UpdateRoutingControlState in the service's AWS JSON 1.0
 * protocol (`X-Amz-Target: ToggleCustomerAPI.<operation>`), so the real
 * `@aws-sdk/client-route53-recovery-cluster` talks to it. The local cloud's own cluster
 * API (`turnout dev --regions`) is another helper's work and had not landed when these
 * tests were written; this is the smallest server that answers the two calls the
 * pipeline and the tests make. It binds 127.0.0.1 and answers loopback Host names only.
 */
export async function startRoutingControlStandIn(controls: Record<string, 'On' | 'Off'>) {
  const states = new Map(Object.entries(controls));
  let reads = 0;
  const server = createServer((request, response) => {
    void answer(request, response);
  });
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request.headers.host))
      return send(response, 403, {
        __type: 'AccessDeniedException',
        message: foreignHostMessage(request.headers.host),
      });
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Record<string, string>;
    const operation = String(request.headers['x-amz-target'] ?? '').replace(
      'ToggleCustomerAPI.',
      '',
    );
    const arn = body.RoutingControlArn ?? '';
    const state = states.get(arn);
    if (state === undefined)
      return send(response, 400, {
        __type: 'ResourceNotFoundException',
        message: `no routing control ${arn}`,
        ResourceId: arn,
        ResourceType: 'RoutingControl',
      });
    if (operation === 'GetRoutingControlState') {
      reads++;
      return send(response, 200, {
        RoutingControlArn: arn,
        RoutingControlState: state,
        RoutingControlName: arn.split('/').pop(),
      });
    }
    if (operation === 'UpdateRoutingControlState') {
      states.set(arn, body.RoutingControlState === 'Off' ? 'Off' : 'On');
      return send(response, 200, {});
    }
    return send(response, 400, {
      __type: 'ValidationException',
      message: `${operation} is not served here`,
    });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1`,
    /** How many GetRoutingControlState calls it answered. */
    reads: () => reads,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}
