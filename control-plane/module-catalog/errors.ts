/** Errors about finding modules on disk. */

export class ModuleNotFoundError extends Error {
  override readonly name = 'ModuleNotFoundError';
  readonly code = 'MODULE_NOT_FOUND';

  constructor(
    readonly module: string,
    known: readonly string[],
  ) {
    super(
      `There is no module "${module}": no modules/${module}/module.ts. ` +
        `Known modules: ${known.length ? known.join(', ') : '(none)'}.`,
    );
  }
}
