import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  LOCAL_CREDENTIALS,
  type ServiceEndpoints,
} from '../control-plane/aws/index.ts';
import { startLocalDynamoDb } from './dynamodb.ts';
import { type LocalIssuer, startLocalIssuer } from './issuer/index.ts';
import { type LocalLambda, startLocalLambda } from './lambda/index.ts';
import { type LegacyAwardsService, startLegacyAwards } from './legacy-awards/index.ts';
import { startLocalSqs } from './sqs.ts';

export interface LocalCloudOptions {
  /** Ports to listen on; each one left out is chosen by the OS. */
  ports?: { lambda?: number; dynamodb?: number; sqs?: number };
  /** @default 'us-east-1' */
  region?: string;
}

export interface LocalCloud extends AsyncDisposable {
  region: string;
  endpoints: Required<ServiceEndpoints>;
  /** Ready SDK clients pointed at the local services. */
  clients: AwsClients;
  /** The local Lambda service, for what AWS would show through CloudWatch (metrics). */
  lambda: LocalLambda;
  /** The older awards service the awards graphlet fronts (TURNOUT_AWARDS_SERVICE_URL). */
  legacyAwards: LegacyAwardsService;
  /**
   * The local stage's variables, as a stage in AWS has its own: the addresses of the
   * services above. The provisioner sets a module's declared runtime settings from them
   * (`resolveRuntimeEnvironment`), as the module stack does from the deploying shell's.
   */
  stageSettings: Record<string, string>;
  /** The token issuer whose keys the local gateway trusts (its JWKS, `POST /token`). */
  issuer: LocalIssuer;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local, SQS (fauxqs), the legacy awards service, the token issuer and
 * our Lambda service side by side, and stops all of them if any fails to start.
 *
 * @example
 * await using cloud = await startLocalCloud();
 * await cloud.clients.lambda.send(new ListFunctionsCommand({}));
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const region = options.region ?? 'us-east-1';
  const started: { stop(): Promise<void> }[] = [];
  const track = <T extends { stop(): Promise<void> }>(service: T): T => {
    started.push(service);
    return service;
  };
  const stopAll = () =>
    Promise.allSettled(started.reverse().map((s) => s.stop())).then(() => undefined);
  try {
    const [dynamodb, sqs, legacyAwards, issuer] = await Promise.all([
      startLocalDynamoDb({ port: options.ports?.dynamodb }).then(track),
      startLocalSqs({ port: options.ports?.sqs, region }).then(track),
      startLegacyAwards({ port: 0 }).then(track),
      startLocalIssuer().then(track),
    ]);
    const lambda = track(
      await startLocalLambda({
        port: options.ports?.lambda,
        region,
        // Event source mappings poll this SQS, as Lambda's pollers poll the queue in AWS.
        sqsEndpoint: sqs.endpoint,
        // What the functions' own SDK clients need to find the local services. The
        // SDK reads these standard variables itself, so module code stays unaware.
        runtimeEnvironment: {
          AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
          AWS_ENDPOINT_URL_SQS: sqs.endpoint,
          // The SDK's notice that its 2027 releases need Node 22 prints once per process:
          // once in each function environment too. Whoever silenced it (bin/turnout.js
          // does) silences it in the functions as well.
          ...sdkNodeVersionNotice(),
        },
      }),
    );
    const endpoints = { lambda: lambda.endpoint, dynamodb: dynamodb.endpoint, sqs: sqs.endpoint };
    const clients = createAwsClients({ region, endpoints, credentials: LOCAL_CREDENTIALS });
    const stop = async () => {
      destroyAwsClients(clients);
      await stopAll();
    };
    return {
      region,
      endpoints,
      clients,
      lambda,
      legacyAwards,
      stageSettings: { AWARDS_SERVICE_URL: legacyAwards.url },
      issuer,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The SDK's documented switch for its Node version notice, when this process has it set. */
function sdkNodeVersionNotice(): Record<string, string> {
  const name = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  const value = process.env[name];
  return value ? { [name]: value } : {};
}
