// The Node.js runtime of one execution environment, run as its own process: it imports the
// handler once (init), then loops on Lambda's Runtime API at AWS_LAMBDA_RUNTIME_API, as
// AWS's Node runtime does: GET the next event, call the handler, POST its response or error.
// why plain JS (.mjs): it runs under plain node, without the parent's tsx or vitest loaders.
// why not aws-lambda-ric: it is a native addon with its own build; this loop is small.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectRuntimeApi } from './runtime-api-client.mjs';

const RUNTIME = '/2018-06-01/runtime';
// A spare (spare-runtimes.ts) was started before any function needed it, so Node's own
// start is behind it when one does: it waits for the environment it is to become.
if (process.env.TURNOUT_SPARE_RUNTIME === '1') await becomeFunction();
const api = connectRuntimeApi(String(process.env.AWS_LAMBDA_RUNTIME_API), () => process.exit(0));
/** The invoke being run, so a crash outside the handler's promise can still be reported. */
let current;
// why: a handler awaiting a promise that never settles must time out, not end the process
// (the keep-alive socket alone does not hold Node's event loop open)
setInterval(() => {}, 2 ** 30);

process.on('uncaughtException', (error) => crash(formatError(error)));
process.on('unhandledRejection', (reason) =>
  crash({
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: String(reason),
    trace: reason instanceof Error ? String(reason.stack).split('\n') : [],
  }),
);

let handler;
try {
  handler = await loadHandler();
} catch (error) {
  await call('POST', `${RUNTIME}/init/error`, formatError(error), {
    'lambda-runtime-function-error-type': error?.name ?? 'Runtime.Unknown',
  });
  process.exit(1);
}
for (;;) await runNext();

async function runNext() {
  const next = await call('GET', `${RUNTIME}/invocation/next`);
  const requestId = String(next.headers['lambda-runtime-aws-request-id']);
  current = requestId;
  process.env._X_AMZN_TRACE_ID = String(next.headers['lambda-runtime-trace-id'] ?? '');
  let path = `${RUNTIME}/invocation/${requestId}/response`;
  let body;
  try {
    const result = await callHandler(JSON.parse(next.body), createContext(requestId, next.headers));
    body = stringify(result);
  } catch (error) {
    path = `${RUNTIME}/invocation/${requestId}/error`;
    body = JSON.stringify(formatError(error));
  }
  current = undefined;
  await call('POST', path, body);
}

// why: Lambda's Node runtime reports a crash outside the handler and then exits the
// environment; the local Lambda sees the exit and starts a fresh one for the next invoke.
function crash(error) {
  const id = current;
  current = undefined;
  if (id === undefined) process.exit(129);
  call('POST', `${RUNTIME}/invocation/${id}/error`, error).finally(() => process.exit(129));
}

/** One request to the Runtime API; the runtime ends when the API is gone (its Lambda stopped). */
function call(method, path, body, headers = {}) {
  const text =
    body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return api.request(method, path, text, headers);
}

function stringify(result) {
  try {
    return JSON.stringify(result === undefined ? null : result);
  } catch {
    throw namedError('Runtime.JSONStringifyError', 'Unable to stringify response body');
  }
}

/** Async handlers return a promise; callback handlers (three parameters) call back. */
function callHandler(event, context) {
  if (handler.length < 3) return handler(event, context);
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error == null ? resolve(result) : reject(error));
    context.done = callback;
    context.succeed = (result) => resolve(result);
    context.fail = (error) => reject(error);
    const returned = handler(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

function createContext(awsRequestId, headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const env = process.env;
  return {
    awsRequestId,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Resolves `_HANDLER` (`file.export`, as in AWS: `index.handler`, `src/app.main`) in the task root. */
async function loadHandler() {
  const spec = String(process.env._HANDLER);
  const slash = spec.lastIndexOf('/');
  const dot = spec.indexOf('.', slash + 1);
  const modulePath = spec.slice(0, dot);
  const exportPath = spec.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs']
    .map((ext) => join(String(process.env.LAMBDA_TASK_ROOT), modulePath + ext))
    .find((path) => existsSync(path));
  if (dot < 0 || !file) {
    throw namedError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  }
  const module = await import(pathToFileURL(file).href).catch((error) => {
    throw namedError('Runtime.ImportModuleError', `${error?.name}: ${error?.message}`);
  });
  const fn = resolveExport(module, exportPath) ?? resolveExport(module.default, exportPath);
  if (typeof fn !== 'function') {
    throw namedError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
  }
  return fn;
}

function resolveExport(module, path) {
  return path.split('.').reduce((value, key) => value?.[key], module);
}

function namedError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** Lambda's Node runtime error shape. */
function formatError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: String(error.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

/**
 * Reads one JSON line from stdin, `{ env, cwd }`, and takes that environment (nothing of
 * the spare's own is left) and working directory, as a runtime started for the function
 * has them. The local Lambda gone first (stdin closed): nothing to become, so it ends.
 */
async function becomeFunction() {
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  const end = text.indexOf('\n');
  if (end < 0) process.exit(0);
  const { env, cwd } = JSON.parse(text.slice(0, end));
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, env);
  process.chdir(cwd);
}
