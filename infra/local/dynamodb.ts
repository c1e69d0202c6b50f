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
 * Starts DynamoDB Local, AWS's own engine, in memory. We pick it over dynalite because
 * it supports transactions, TTL settings and streams. Its jar ships inside the npm
 * package `amplify-dynamodb-simulator`; we run the jar directly because that package's
 * launcher only works inside the Amplify CLI.
 */
export async function startLocalDynamoDb(
  options: LocalDynamoDbOptions = {},
): Promise<LocalDynamoDb> {
  const port = options.port ?? (await findFreePort());
  const child = spawnDynamoDbLocal(port, options.javaPath ?? defaultJavaPath());
  const endpoint = `http://127.0.0.1:${port}`;
  const failure = watchForEarlyExit(child, port);
  try {
    await waitForHttp(endpoint, {
      timeoutMs: options.startTimeoutMs ?? 30_000,
      abandoned: () => failure.error,
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

function spawnDynamoDbLocal(port: number, javaPath: string): ChildProcess {
  const args = [
    // A short-lived test database: the quick JIT tier and the serial collector start fastest.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Xshare:auto',
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
    '-inMemory',
    // One database for every access key and Region: the control plane and the Lambda
    // functions sign with different credentials but must see the same tables.
    '-sharedDb',
    '-disableTelemetry',
    '-port',
    String(port),
  ];
  return spawn(javaPath, args, { cwd: emulatorDirectory(), stdio: ['ignore', 'pipe', 'pipe'] });
}

function watchForEarlyExit(child: ChildProcess, port: number) {
  const state: { error?: Error; log: string[] } = { log: [] };
  const remember = (chunk: Buffer) => {
    state.log.push(chunk.toString());
    if (state.log.length > 50) state.log.shift();
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  child.once('error', (error: NodeJS.ErrnoException) => {
    state.error = error.code === 'ENOENT' ? javaMissingError(error) : error;
  });
  child.once('exit', (code) => {
    const output = state.log.join('');
    state.error ??= /Address already in use|BindException/.test(output)
      ? new LocalCloudError(
          'PORT_IN_USE',
          `DynamoDB Local could not listen on port ${port}: it is in use. Choose another port or stop the process using it.`,
        )
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
