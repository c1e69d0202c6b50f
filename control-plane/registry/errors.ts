/** Errors of the registry. */

export type RegistryConflictTarget = 'generation' | 'module-record' | 'version-record';

/**
 * Another publish wrote the registry between our read and our write: the generation
 * number we meant to take is taken, or the module record moved past the revision we
 * read. Nothing was written; read again, compose again and retry.
 */
export class RegistryConflictError extends Error {
  override readonly name = 'RegistryConflictError';
  readonly code = 'REGISTRY_CONFLICT';

  constructor(
    readonly conflicts: readonly RegistryConflictTarget[],
    options?: { cause?: unknown },
  ) {
    super(
      `The registry changed while this publish was in flight (${conflicts.join(', ')}); nothing was written. Read the registry again and retry.`,
      options,
    );
  }
}

/** The registry table is missing or not usable. */
export class RegistryTableError extends Error {
  override readonly name = 'RegistryTableError';

  constructor(
    readonly code: 'REGISTRY_TABLE_MISSING' | 'REGISTRY_TABLE_NOT_ACTIVE',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
