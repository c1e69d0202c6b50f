/** Errors of provisioning a module. Each says how to fix it. */

export type ProvisionErrorCode = 'QUEUE_NOT_PROVISIONED';

export class ProvisionError extends Error {
  override readonly name = 'ProvisionError';

  constructor(
    readonly code: ProvisionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
