import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { javaMissingError, LocalCloudError } from './errors.ts';
import { findFreePort } from './free-port.ts';
import { waitForHttp } from './wait-for-http.ts';

export interface LocalDynamoDbOptions {
  /** @default a free port */
  port?: number;
  /** @default 'java' (or $JAVA_HOME/bin/java) */
  javaPath?: string;
  /** @default 30_000 */
  startTimeoutMs?: number;
}

export interface LocalDynamoDb {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Starts DynamoDB Local, AWS's own engine, in memory, on 127.0.0.1 only. We pick it over
 * dynalite because it supports transactions, TTL settings and streams. Its jar ships
 * inside the npm package `amplify-dynamodb-simulator`; we run its classes ourselves
 * (dynamodb-local.xml) because that package's launcher only works inside the Amplify
 * CLI, and the jar's own binds every interface.
 */
export async function startLocalDynamoDb(
  options: LocalDynamoDbOptions = {},
): Promise<LocalDynamoDb> {
  // A port found free may be taken by another process before Java binds it (test files
  // start clouds side by side): DynamoDB Local then exits with PORT_IN_USE, and a port
  // we picked ourselves is picked again.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startOnPort(port, options);
    } catch (error) {
      const portTaken = error instanceof LocalCloudError && error.code === 'PORT_IN_USE';
      if (!portTaken || options.port !== undefined || attempt === MAX_PORT_ATTEMPTS) throw error;
    }
  }
}

const MAX_PORT_ATTEMPTS = 3;

/** A ListTables call as any SDK client sends it; DynamoDB Local checks no signature. */
const LIST_TABLES: RequestInit = {
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.0',
    'x-amz-target': 'DynamoDB_20120810.ListTables',
    authorization:
      'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=content-type;host;x-amz-target, Signature=0',
  },
  body: '{}',
};

/** Only DynamoDB answers ListTables with a list of table names. */
async function isDynamoDb(response: Response): Promise<boolean> {
  if (response.status !== 200) return false;
  const body = (await response.json().catch(() => undefined)) as
    | { TableNames?: unknown }
    | undefined;
  return Array.isArray(body?.TableNames);
}

async function startOnPort(port: number, options: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  const child = spawnDynamoDbLocal(port, options.javaPath ?? defaultJavaPath());
  const endpoint = `http://127.0.0.1:${port}`;
  const failure = watchForEarlyExit(child, port);
  try {
    await waitForHttp(endpoint, {
      timeoutMs: options.startTimeoutMs ?? 30_000,
      abandoned: () => failure.error,
      request: LIST_TABLES,
      isExpected: isDynamoDb,
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error instanceof LocalCloudError
      ? error
      : new LocalCloudError(
          'SERVICE_START_FAILED',
          `DynamoDB Local did not start: ${failure.output()}`,
          {
            cause: error,
          },
        );
  }
  return { endpoint, stop: () => stopChild(child) };
}

function emulatorDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('amplify-dynamodb-simulator')), 'emulator');
}

function defaultJavaPath(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

/**
 * Our Jetty configuration of DynamoDB Local (dynamodb-local.xml says why): loopback
 * only, loopback Host names only, no CORS. The jar's own launcher has no option for
 * the address and listens on every interface, with the registry and all module data
 * open to the network.
 */
const JETTY_CONFIGURATION = join(import.meta.dirname, 'dynamodb-local.xml');

function spawnDynamoDbLocal(port: number, javaPath: string): ChildProcess {
  const args = [
    // A short-lived test database: the quick JIT tier and the serial collector start fastest.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xshare:auto',
    '-Djava.library.path=./DynamoDBLocal_lib',
    // What the jar's launcher would set: Jetty logs warnings only.
    '-Dorg.eclipse.jetty.util.log.announce=false',
    '-Dorg.eclipse.jetty.LEVEL=WARN',
    // The jar's manifest puts DynamoDBLocal_lib (Jetty's XmlConfiguration among it) on the class path.
    '-cp',
    'DynamoDBLocal.jar',
    'org.eclipse.jetty.xml.XmlConfiguration',
    `dynamodb.port=${port}`,
    JETTY_CONFIGURATION,
  ];
  const child = spawn(javaPath, args, {
    cwd: emulatorDirectory(),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' },
  });
  // why: a JVM outlives its parent; when this process exits without stopping the cloud
  // (process.exit, a second Ctrl-C), it is ended here rather than left running orphaned.
  const endWithThisProcess = () => child.kill('SIGKILL');
  process.once('exit', endWithThisProcess);
  child.once('exit', () => process.off('exit', endWithThisProcess));
  return child;
}

const BIND_FAILED = /Address already in use|BindException/;

function watchForEarlyExit(child: ChildProcess, port: number) {
  const state: { error?: Error; log: string[] } = { log: [] };
  const portInUse = () =>
    new LocalCloudError(
      'PORT_IN_USE',
      `DynamoDB Local could not listen on port ${port}: it is in use. Choose another port or stop the process using it.`,
    );
  const remember = (chunk: Buffer) => {
    const text = chunk.toString();
    state.log.push(text);
    if (state.log.length > 50) state.log.shift();
    // Jetty logs the failed bind and DynamoDB Local keeps running, serving nothing.
    if (BIND_FAILED.test(text)) state.error ??= portInUse();
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  child.once('error', (error: NodeJS.ErrnoException) => {
    state.error = error.code === 'ENOENT' ? javaMissingError(error) : error;
  });
  child.once('exit', (code) => {
    const output = state.log.join('');
    state.error ??= BIND_FAILED.test(output)
      ? portInUse()
      : new LocalCloudError(
          'SERVICE_START_FAILED',
          `DynamoDB Local exited with code ${code}: ${output.trim()}`,
        );
  });
  return {
    get error() {
      return state.error;
    },
    output: () => state.log.join('').trim(),
  };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
  await exited;
  clearTimeout(timer);
}
