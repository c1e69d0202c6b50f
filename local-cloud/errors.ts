/** Errors of the local cloud. Each says what went wrong and how to fix it. */

export type LocalCloudErrorCode = 'JAVA_MISSING' | 'SERVICE_START_FAILED' | 'PORT_IN_USE';

export class LocalCloudError extends Error {
  override readonly name = 'LocalCloudError';

  constructor(
    readonly code: LocalCloudErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function javaMissingError(cause: unknown): LocalCloudError {
  return new LocalCloudError(
    'JAVA_MISSING',
    'DynamoDB Local needs Java 17 or newer, and no `java` was found on PATH. ' +
      'Install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`; macOS: ' +
      '`brew install openjdk@17`) or set JAVA_HOME, then run the command again.',
    { cause },
  );
}
