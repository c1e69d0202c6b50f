import { buildApp } from 'fauxqs';

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
 * and the local cloud stays on loopback.
 */
export async function startLocalSqs(options: LocalSqsOptions = {}): Promise<LocalSqs> {
  const app = buildApp({ logger: false, defaultRegion: options.region ?? 'us-east-1' });
  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  return { endpoint: address, stop: () => app.close() };
}
