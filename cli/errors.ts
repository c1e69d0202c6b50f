/** Errors of the command line. */

export class NoEnvironmentError extends Error {
  override readonly name = 'NoEnvironmentError';
  readonly code = 'NO_ENVIRONMENT';

  constructor(endpointsFile: string) {
    super(
      `Nothing to act on: no running \`turnout dev\` (${endpointsFile} is missing or stale). ` +
        'Start it with `npm start` in another terminal, or pass `--pipeline <file>` to act on AWS.',
    );
  }
}
