import { SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { LOCAL_CREDENTIALS } from '../control-plane/aws/index.ts';
import { foreignHostMessage, isLoopbackHost } from './is-loopback-host.ts';
import { createMessageMoves, SqsActionError } from './sqs-message-moves.ts';

export interface LocalSqsOptions {
  /** @default a free port */
  port?: number;
  /** @default 'us-east-1' */
  region?: string;
}

export interface LocalSqs {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs, an in-memory SQS that speaks the JSON protocol of the current
 * `@aws-sdk/client-sqs` (standard and FIFO queues, visibility timeout, long polling,
 * DLQ redrive), with SQS's dead-letter redrive (StartMessageMoveTask and its kin,
 * `sqs-message-moves.ts`) in front of it.
 *
 * Its queue URLs name the host the creating request named (`http://127.0.0.1:<port>/…`),
 * so any client, the AWS CLI too, reaches a queue by its URL: fauxqs's default,
 * `sqs.<region>.localhost`, does not resolve outside a browser or curl.
 *
 * We build its app and listen ourselves: its `startFauxqs()` binds every interface,
 * and the local cloud stays on loopback, answering only requests to a loopback Host
 * (`isLoopbackHost`; 403 for any other, as SQS words an access denial).
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const region = options.region ?? 'us-east-1';
  const app = buildApp({
    logger: false,
    defaultRegion: region,
    stores: { sqsStore: await queueStoreNamingTheRequestHost() },
  } as Parameters<typeof buildApp>[0]);
  app.addHook('onRequest', async (request, reply) => {
    if (isLoopbackHost(request.headers.host)) return;
    const message = foreignHostMessage(request.headers.host);
    await reply
      .code(403)
      .header('x-amzn-query-error', 'AccessDenied;Sender')
      .send({ __type: 'com.amazonaws.sqs#AccessDenied', message });
  });
  // Set once listening: the moves call this same server.
  let moves: ReturnType<typeof createMessageMoves> | undefined;
  app.addHook('preHandler', async (request, reply) => {
    const target = request.headers['x-amz-target'];
    const action = typeof target === 'string' ? target.replace('AmazonSQS.', '') : '';
    const answer = moves?.handle(action, (request.body ?? {}) as Record<string, unknown>);
    if (!answer) return;
    reply.header('content-type', 'application/x-amz-json-1.0');
    try {
      return reply.send(await answer);
    } catch (error) {
      if (!(error instanceof SqsActionError)) throw error;
      return reply
        .code(error.statusCode)
        .header('x-amzn-query-error', `${error.code};Sender`)
        .send({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message });
    }
  });
  const endpoint = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const sqs = new SQSClient({ region, endpoint, credentials: LOCAL_CREDENTIALS });
  moves = createMessageMoves(sqs);
  return {
    endpoint,
    stop: async () => {
      moves?.stop();
      sqs.destroy();
      await app.close();
    },
  };
}

/**
 * fauxqs's queue store with no host of its own, so each queue URL names the host its
 * CreateQueue request named. The store is not among fauxqs's exports; its `buildApp` takes
 * one (`stores.sqsStore`) and builds the other stores itself. Loaded beside fauxqs's entry.
 */
async function queueStoreNamingTheRequestHost(): Promise<object> {
  const storeModule = new URL('./sqs/sqsStore.js', import.meta.resolve('fauxqs'));
  const { SqsStore } = (await import(storeModule.href)) as {
    SqsStore: new () => { host?: string };
  };
  const store = new SqsStore();
  store.host = undefined;
  return store;
}
