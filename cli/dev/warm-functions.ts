import { type DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  GetProvisionedConcurrencyConfigCommand,
  type LambdaClient,
  PutProvisionedConcurrencyConfigCommand,
} from '@aws-sdk/client-lambda';
import type { ProvisionedModule } from '../../local-cloud/provision/index.ts';

/** How long `turnout dev` waits for a function's environment to finish its init. */
const WARM_TIMEOUT_MS = 120_000;
const POLL_MS = 50;

/**
 * Initialises one execution environment behind each module's live alias before
 * `turnout dev` says it runs, so the first query finds every function warm: the same
 * `PutProvisionedConcurrencyConfig` a team would call in AWS, which there too runs the
 * init ahead of traffic. Answers the functions whose init failed, for the log: their
 * first invoke reports why. Never rejects: a function that could not be warmed serves cold.
 *
 * @example
 * const failed = await warmFunctions(modules, cloud.clients);
 */
export async function warmFunctions(
  modules: readonly ProvisionedModule[],
  clients: { lambda: LambdaClient; dynamo: DynamoDBClient },
): Promise<string[]> {
  const { lambda, dynamo } = clients;
  const tables = modules.flatMap((module) => Object.values(module.tables));
  // why: DynamoDB Local (a JVM) answers its first reads of a table many times slower than
  // the next ones; one read of each table here spares the first query that wait
  await Promise.all(
    tables.map((TableName) =>
      dynamo.send(new ScanCommand({ TableName, Limit: 1 })).catch(() => undefined),
    ),
  );
  const outcomes = await Promise.all(
    modules.map(async ({ functionName, alias }) => {
      const target = { FunctionName: functionName, Qualifier: alias };
      const put = new PutProvisionedConcurrencyConfigCommand({
        ...target,
        ProvisionedConcurrentExecutions: 1,
      });
      // why catch: a function that could not be warmed still serves, cold; the log names it
      const status = await lambda
        .send(put)
        .then(() => waitUntilSettled(lambda, target))
        .catch(() => 'FAILED');
      return status === 'READY' ? undefined : functionName;
    }),
  );
  return outcomes.filter((name): name is string => name !== undefined);
}

async function waitUntilSettled(
  lambda: LambdaClient,
  target: { FunctionName: string; Qualifier: string },
): Promise<string | undefined> {
  const deadline = Date.now() + WARM_TIMEOUT_MS;
  for (;;) {
    const { Status } = await lambda.send(new GetProvisionedConcurrencyConfigCommand(target));
    if (Status !== 'IN_PROGRESS' || Date.now() > deadline) return Status;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
