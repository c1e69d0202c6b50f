import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  DeleteProvisionedConcurrencyConfigCommand,
  GetProvisionedConcurrencyConfigCommand,
  type LambdaClient,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import type { ProvisionedModule } from '../../local-cloud/provision/index.ts';

/** How long `turnout dev` waits for a function's environment to finish its init. */
const WARM_TIMEOUT_MS = 120_000;
/**
 * The first wait between two reads of the warming's status, growing to the last: a start
 * warms every function at once, and each read is a request the local Lambda answers on
 * the same two cores as the inits it waits for.
 */
const FIRST_POLL_MS = 25;
const LAST_POLL_MS = 200;

/**
 * Initialises one execution environment of a function version (or behind an alias)
 * ahead of traffic: the same `PutProvisionedConcurrencyConfig` a team would call in
 * AWS, which there too runs the init before any invoke. `turnout dev` warms each
 * module's live alias as soon as it is provisioned, so its init runs while the others
 * are provisioned and published, and a live edit's new version before `live` moves to
 * it. True when the environment is ready; false when its init failed (its first invoke
 * reports why). Never rejects: a function that could not be warmed serves cold.
 *
 * @example
 * const warm = await warmFunction(lambda, { FunctionName: 'turnout-titles', Qualifier: 'live' });
 */
export async function warmFunction(
  lambda: LambdaClient,
  target: { FunctionName: string; Qualifier: string },
  options: {
    /**
     * The longest wait between two reads of the status. A live edit warms one function
     * while the machine is otherwise idle, and `live` moves only once it is warm: it
     * reads every 25 ms instead of letting the waits grow. @default 200
     */
    lastPollMs?: number;
  } = {},
): Promise<boolean> {
  const put = new PutProvisionedConcurrencyConfigCommand({
    ...target,
    ProvisionedConcurrentExecutions: 1,
  });
  // why catch: a function that could not be warmed still serves, cold; the log names it
  const status = await lambda
    .send(put)
    .then(() => waitUntilSettled(lambda, target, options.lastPollMs ?? LAST_POLL_MS))
    .catch(() => 'FAILED');
  return status === 'READY';
}

/**
 * Lets a version's warm environment go: deletes the provisioned concurrency a live edit
 * put on it (`warmFunction` on a version), once `live` moved past it or the edit was
 * refused, so the local Lambda ends its environments (a version no alias routes to and
 * nothing provisions is retired). A version with no such config is left as it is.
 * Never rejects: an environment left warm only costs memory.
 */
export async function unwarmFunction(
  lambda: LambdaClient,
  target: { FunctionName: string; Qualifier: string },
): Promise<void> {
  await lambda.send(new DeleteProvisionedConcurrencyConfigCommand(target)).catch(() => undefined);
}

/**
 * Reads each of a module's tables once. DynamoDB Local (a JVM) answers its first reads of
 * a table many times slower than the next ones; this spares the first query that wait.
 * Never rejects.
 */
export async function warmTables(
  dynamo: DynamoDBClient,
  module: Pick<ProvisionedModule, 'tables'>,
): Promise<void> {
  await Promise.all(
    Object.values(module.tables).map((TableName) =>
      dynamo.send(new ScanCommand({ TableName, Limit: 1 })).catch(() => undefined),
    ),
  );
}

async function waitUntilSettled(
  lambda: LambdaClient,
  target: { FunctionName: string; Qualifier: string },
  lastPollMs: number,
): Promise<string | undefined> {
  const deadline = Date.now() + WARM_TIMEOUT_MS;
  const first = Math.min(FIRST_POLL_MS, lastPollMs);
  for (let wait = first; ; wait = Math.min(wait * 1.5, lastPollMs)) {
    const { Status } = await lambda.send(new GetProvisionedConcurrencyConfigCommand(target));
    if (Status !== 'IN_PROGRESS' || Date.now() > deadline) return Status;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
