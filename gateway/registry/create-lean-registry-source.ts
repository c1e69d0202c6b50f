import {
  generationKey,
  SUPERGRAPH_PK,
  type SupergraphGeneration,
} from '../../contracts/registry.ts';
import { GenerationLoadError } from '../errors.ts';
import { createKeepAlivePool, type KeepAlivePool } from '../http-client/index.ts';
import { type AwsCredentials, resolveCredentials } from '../invoke/read-credentials-from-env.ts';
import { createSigV4Signer, type SigV4Signer } from '../sigv4/index.ts';
import { checkGeneration } from './check-generation.ts';
import type { GenerationSource } from './create-generation-watcher.ts';
import { type AttributeValue, unmarshallItem } from './unmarshall-item.ts';

export interface LeanRegistrySourceOptions {
  tableName: string;
  region: string;
  /** @default `https://dynamodb.<region>.amazonaws.com` */
  endpoint?: string;
  /** Static credentials or a function returning the current ones. @default the environment's */
  credentials?: AwsCredentials | (() => AwsCredentials);
}

/**
 * The registry read without the DynamoDB SDK: the same Query (descending, limit 1) as
 * `loadNewestGeneration`, sent as DynamoDB's JSON protocol, signed by our SigV4 signer. The gateway
 * Lambda uses it so that its cold start does not load the SDK; tools and tests use the
 * SDK-based source, and test/gateway-graphql.test.ts checks the two read the same item.
 *
 * @example
 * const source = createLeanRegistrySource({ tableName: 'turnout-registry', region: 'us-east-1' });
 * const newest = await source.load();
 */
export function createLeanRegistrySource(options: LeanRegistrySourceOptions): GenerationSource {
  const endpoint = new URL(options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com`);
  // One poll every few seconds: a connection or two, kept for the next poll.
  const pool = createKeepAlivePool(endpoint.origin, { connections: 2 });
  const sign = createSigV4Signer({ region: options.region, service: 'dynamodb' });
  const credentials = resolveCredentials(options.credentials);
  const query = async (before: number | undefined, projection?: string) => {
    const range =
      before === undefined
        ? { condition: 'begins_with(sk, :from)', values: { ':from': { S: 'generation#' } } }
        : {
            condition: 'sk BETWEEN :from AND :to',
            values: { ':from': { S: 'generation#' }, ':to': { S: generationKey(before - 1).sk } },
          };
    const body = JSON.stringify({
      TableName: options.tableName,
      KeyConditionExpression: `pk = :pk AND ${range.condition}`,
      ExpressionAttributeValues: { ':pk': { S: SUPERGRAPH_PK }, ...range.values },
      ScanIndexForward: false,
      Limit: 1,
      ...(projection ? { ProjectionExpression: projection } : {}),
    });
    const items = await send(pool, sign, endpoint, credentials(), body);
    const item = items[0];
    return item ? unmarshallItem(item) : undefined;
  };
  return {
    async load({ before } = {}): Promise<SupergraphGeneration | undefined> {
      const item = await query(before);
      return item ? checkGeneration(item) : undefined;
    },
    async peekNewest() {
      const generation = (await query(undefined, 'generation'))?.generation;
      return typeof generation === 'number' ? generation : undefined;
    },
  };
}

async function send(
  pool: KeepAlivePool,
  sign: SigV4Signer,
  endpoint: URL,
  credentials: AwsCredentials,
  body: string,
): Promise<Record<string, AttributeValue>[]> {
  const headers = sign(
    {
      method: 'POST',
      host: endpoint.host,
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(Buffer.byteLength(body)),
        'x-amz-target': 'DynamoDB_20120810.Query',
      },
      body,
    },
    credentials,
  );
  // A poll that hangs must not hold the watcher: the next poll tries again.
  const response = await pool.request({
    method: 'POST',
    path: '/',
    headers,
    body,
    timeoutMs: 10_000,
  });
  const text = response.body.toString('utf8');
  if (response.statusCode !== 200) {
    // Not a GenerationLoadError with a number: the watcher retries on its next poll.
    throw new GenerationLoadError(
      `The registry read failed (${response.statusCode}): ${text.slice(0, 300)}`,
    );
  }
  return (JSON.parse(text) as { Items?: Record<string, AttributeValue>[] }).Items ?? [];
}
