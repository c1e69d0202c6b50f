import { buildApp } from 'fauxqs';
import { foreignHostMessage, isLoopbackHost } from './is-loopback-host.ts';

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
 * DLQ redrive). Its queue URLs name a host that does not resolve here, so every SQS
 * client must keep its `endpoint` explicit.
 *
 * We build its app and listen ourselves: its `startFauxqs()` binds every interface,
 * and the local cloud stays on loopback, answering only requests to a loopback Host
 * (`isLoopbackHost`; 403 for any other, as SQS words an access denial).
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const app = buildApp({ logger: false, defaultRegion: options.region ?? 'us-east-1' });
  app.addHook('onRequest', async (request, reply) => {
    if (isLoopbackHost(request.headers.host)) return;
    const message = foreignHostMessage(request.headers.host);
    await reply
      .code(403)
      .header('x-amzn-query-error', 'AccessDenied;Sender')
      .send({ __type: 'com.amazonaws.sqs#AccessDenied', message });
  });
  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { endpoint: address, stop: () => app.close() };
}
