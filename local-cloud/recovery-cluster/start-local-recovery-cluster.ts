import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { routingControlName } from '../../contracts/routing-control-name.ts';
import { foreignHostMessage, isLoopbackHost } from '../is-loopback-host.ts';
import {
  createRoutingControlStates,
  RecoveryClusterApiError,
  type RoutingControlStates,
} from './routing-control-states.ts';

export interface LocalRecoveryClusterOptions {
  /** One routing control per Region, all On at the start. */
  regions: readonly string[];
  /** How many redundant endpoints to serve (an ARC cluster has five). @default 3 */
  endpointCount?: number;
}

/** One of the cluster's endpoints, with the Region a client should sign for. */
export interface ClusterEndpoint {
  region: string;
  endpoint: string;
}

export interface LocalRecoveryCluster extends AsyncDisposable {
  endpoints: ClusterEndpoint[];
  controlPanelArn: string;
  safetyRuleArn: string;
  states: RoutingControlStates;
  /** A Region's routing control ARN, as the stacks' `routingControlArns` output names it in AWS. */
  routingControlArn(region: string): string;
  /** How many requests an endpoint (all of them, without an index) answered with 200. */
  served(index?: number): number;
  /** Makes one endpoint answer EndpointTemporarilyUnavailableException (or serve again). */
  setEndpointAvailable(index: number, available: boolean): void;
  stop(): Promise<void>;
}

const TARGET_PREFIX = 'ToggleCustomerAPI.';

/**
 * A stand-in for a Route 53 ARC cluster's data plane (`@aws-sdk/client-route53-recovery-cluster`,
 * AWS JSON 1.0): GetRoutingControlState, ListRoutingControls, UpdateRoutingControlState(s),
 * on several endpoints that share one state, as a cluster's five Regional endpoints do,
 * so clients try them in turn as AWS advises. Loopback Host names only; any credentials.
 *
 * @example
 * await using cluster = await startLocalRecoveryCluster({ regions: ['us-east-1', 'us-west-2'] });
 */
export async function startLocalRecoveryCluster(
  options: LocalRecoveryClusterOptions,
): Promise<LocalRecoveryCluster> {
  const states = createRoutingControlStates({ regions: options.regions });
  const count = options.endpointCount ?? 3;
  const unavailable = new Set<number>();
  const servedBy = Array.from({ length: count }, () => 0);
  const servers: Server[] = [];
  const endpoints: ClusterEndpoint[] = [];
  for (let i = 0; i < count; i++) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const answer = answerRequest(i, req.headers, req.method, Buffer.concat(chunks));
        if (answer.status === 200) servedBy[i] = (servedBy[i] ?? 0) + 1;
        res.writeHead(answer.status, {
          'content-type': 'application/x-amz-json-1.0',
          ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
        });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    // Signed for a Region of its own, as each Regional endpoint of a cluster is.
    const region = options.regions[i % options.regions.length] ?? 'us-west-2';
    endpoints.push({ region, endpoint: `http://127.0.0.1:${port}` });
  }

  function answerRequest(
    index: number,
    headers: Record<string, string | string[] | undefined>,
    method: string | undefined,
    body: Buffer,
  ): { status: number; body: unknown; errorType?: string } {
    try {
      if (!isLoopbackHost(headers.host as string | undefined))
        return {
          status: 403,
          body: {
            __type: 'AccessDeniedException',
            message: foreignHostMessage(headers.host as string),
          },
          errorType: 'AccessDeniedException',
        };
      if (unavailable.has(index))
        throw new RecoveryClusterApiError(
          'EndpointTemporarilyUnavailableException',
          503,
          'This cluster endpoint is not available: try another of the cluster endpoints.',
        );
      const target = String(headers['x-amz-target'] ?? '');
      if (method !== 'POST' || !target.startsWith(TARGET_PREFIX))
        throw new RecoveryClusterApiError(
          'ValidationException',
          400,
          `Not a routing control request: send POST / with X-Amz-Target ${TARGET_PREFIX}<operation>.`,
        );
      const input = parseInput(body);
      return { status: 200, body: operate(states, target.slice(TARGET_PREFIX.length), input) };
    } catch (error) {
      if (error instanceof RecoveryClusterApiError)
        return { status: error.statusCode, body: error.toBody(), errorType: error.code };
      return {
        status: 500,
        body: { __type: 'InternalServerException', message: String(error) },
        errorType: 'InternalServerException',
      };
    }
  }

  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.closeAllConnections();
            s.close(() => resolve());
          }),
      ),
    ).then(() => undefined);
    return stopped;
  };
  return {
    endpoints,
    controlPanelArn: states.controlPanelArn,
    safetyRuleArn: states.safetyRuleArn,
    states,
    routingControlArn(region) {
      const name = routingControlName(region);
      const control = states.list().find((c) => c.RoutingControlName === name);
      if (!control) throw new Error(`The local cluster has no routing control for ${region}.`);
      return control.RoutingControlArn;
    },
    served: (index) =>
      index === undefined ? servedBy.reduce((a, b) => a + b, 0) : (servedBy[index] ?? 0),
    setEndpointAvailable(index, available) {
      if (available) unavailable.delete(index);
      else unavailable.add(index);
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

type Input = Record<string, unknown>;

function parseInput(body: Buffer): Input {
  try {
    const parsed: unknown = body.length ? JSON.parse(body.toString('utf8')) : {};
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Input;
  } catch {
    // answered below
  }
  throw new RecoveryClusterApiError(
    'ValidationException',
    400,
    'The request body is not a JSON object.',
  );
}

function operate(states: RoutingControlStates, operation: string, input: Input): unknown {
  const overrides = (input.SafetyRulesToOverride as string[] | undefined) ?? [];
  switch (operation) {
    case 'GetRoutingControlState': {
      const c = states.get(String(input.RoutingControlArn));
      return {
        RoutingControlArn: c.RoutingControlArn,
        RoutingControlName: c.RoutingControlName,
        RoutingControlState: c.RoutingControlState,
      };
    }
    case 'ListRoutingControls': {
      const panel = input.ControlPanelArn as string | undefined;
      return {
        RoutingControls: states.list().filter((c) => !panel || c.ControlPanelArn === panel),
      };
    }
    case 'UpdateRoutingControlState':
      states.update(
        [
          {
            RoutingControlArn: String(input.RoutingControlArn),
            RoutingControlState: String(input.RoutingControlState),
          },
        ],
        overrides,
      );
      return {};
    case 'UpdateRoutingControlStates': {
      const entries = input.UpdateRoutingControlStateEntries;
      if (!Array.isArray(entries) || entries.length === 0)
        throw new RecoveryClusterApiError(
          'ValidationException',
          400,
          'UpdateRoutingControlStateEntries must list at least one routing control.',
        );
      states.update(entries, overrides);
      return {};
    }
    default:
      throw new RecoveryClusterApiError(
        'ValidationException',
        400,
        `The local recovery cluster does not serve ${operation}: only GetRoutingControlState, ListRoutingControls and UpdateRoutingControlState(s).`,
      );
  }
}
