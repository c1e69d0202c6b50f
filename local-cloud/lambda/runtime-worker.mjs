// The execution environment of one function version: a worker_threads entry that imports
// the handler once, then runs one invoke at a time for as long as it stays warm.
// why plain JS (.mjs): Node starts a worker from a file with its own loader, so this entry
// must run without tsx or vitest's transform; plain ESM works the same under both.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const spec = workerData;
/** The invoke being run, so a crash outside the handler's promise can still be reported. */
let current;
let handler;
const handlerReady = loadHandler().then((fn) => {
  handler = fn;
  return fn;
});
handlerReady.catch(() => {});

parentPort.on('message', (message) => {
  current = message.id;
  run(message).then(
    (body) => send({ id: message.id, body }),
    (error) => send({ id: message.id, error: formatError(error) }),
  );
});

// why: Lambda's Node runtime reports a crash outside the handler and then exits the
// environment; the pool sees the exit and starts a fresh worker for the next invoke.
// why: ready before the handler is imported, as init counts against the first invoke
parentPort.postMessage('ready');

process.on('uncaughtException', (error) => crash(formatError(error)));
process.on('unhandledRejection', (reason) =>
  crash({
    errorType: 'Runtime.UnhandledPromiseRejection',
    errorMessage: String(reason),
    trace: reason instanceof Error ? String(reason.stack).split('\n') : [],
  }),
);

function crash(error) {
  if (current !== undefined) send({ id: current, error });
  process.exit(129);
}

function send(message) {
  current = undefined;
  parentPort.postMessage(message);
}

async function run({ id, payload, deadline, invokedFunctionArn }) {
  const fn = handler ?? (await handlerReady);
  const event = JSON.parse(payload);
  const result = await callHandler(fn, event, createContext(id, deadline, invokedFunctionArn));
  try {
    return JSON.stringify(result === undefined ? null : result);
  } catch {
    throw namedError('Runtime.JSONStringifyError', 'Unable to stringify response body');
  }
}

/** Async handlers return a promise; callback handlers (three parameters) call back. */
function callHandler(fn, event, context) {
  if (fn.length < 3) return fn(event, context);
  return new Promise((resolve, reject) => {
    const callback = (error, result) => (error == null ? resolve(result) : reject(error));
    context.done = callback;
    context.succeed = (result) => resolve(result);
    context.fail = (error) => reject(error);
    const returned = fn(event, context, callback);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

function createContext(awsRequestId, deadline, invokedFunctionArn) {
  return {
    awsRequestId,
    functionName: spec.functionName,
    functionVersion: spec.functionVersion,
    invokedFunctionArn,
    memoryLimitInMB: String(spec.memorySize),
    logGroupName: `/aws/lambda/${spec.functionName}`,
    logStreamName: spec.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Resolves `file.export` (as in AWS: `index.handler`, `src/app.main`) against the code dir. */
async function loadHandler() {
  const slash = spec.handler.lastIndexOf('/');
  const dot = spec.handler.indexOf('.', slash + 1);
  const modulePath = spec.handler.slice(0, dot);
  const exportPath = spec.handler.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs']
    .map((ext) => join(spec.codeDir, modulePath + ext))
    .find((path) => existsSync(path));
  if (dot < 0 || !file) {
    throw namedError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  }
  const module = await import(pathToFileURL(file).href).catch((error) => {
    throw namedError('Runtime.ImportModuleError', `${error?.name}: ${error?.message}`);
  });
  const fn = resolveExport(module, exportPath) ?? resolveExport(module.default, exportPath);
  if (typeof fn !== 'function') {
    throw namedError('Runtime.HandlerNotFound', `${spec.handler} is undefined or not exported`);
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
