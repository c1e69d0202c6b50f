/**
 * Test support (not shipped): one warm "execution environment" of a built bundle. Run
 * as `node bundle-runner.mjs <bundle file> <export>` with the function's environment;
 * each stdin line is an event (JSON), each line on file descriptor 3 the answer
 * `{ result }` or `{ error: { errorType, errorMessage } }`, as Lambda's runtime reports them.
 * Stdout stays the function's own (its logs and EMF metrics), as in Lambda.
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

const [file, exportName] = process.argv.slice(2);
const handler = (await import(pathToFileURL(file).href))[exportName];
if (typeof handler !== 'function') throw new Error(`${file} exports no function ${exportName}`);

let invokes = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const deadline = Date.now() + 30_000;
  const context = {
    awsRequestId: `bundle-${++invokes}`,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bundle',
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  try {
    const result = await handler(JSON.parse(line), context);
    writeSync(3, `${JSON.stringify({ result: result ?? null })}\n`);
  } catch (error) {
    const errorType = error instanceof Error ? error.name : 'Error';
    const errorMessage = error instanceof Error ? error.message : String(error);
    writeSync(3, `${JSON.stringify({ error: { errorType, errorMessage } })}\n`);
  }
}
