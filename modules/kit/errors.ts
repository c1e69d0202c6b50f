/** Errors of the module kit. */

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  readonly code = 'INVALID_MANIFEST';

  constructor(
    message: string,
    readonly problems: readonly { path: string; message: string }[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
