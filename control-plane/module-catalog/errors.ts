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

/** Two units of the catalog would go by one name (`checkUnitNames`). */
export class UnitNameCollisionError extends Error {
  override readonly name = 'UnitNameCollisionError';
  readonly code = 'UNIT_NAME_COLLISION';

  constructor(
    readonly unit: string,
    first: string,
    second: string,
  ) {
    super(
      `"${unit}" would name both ${first} and ${second}: they would share one function, its tables, queues and version records. ` +
        'Rename one of them: a cell in cells.names of its module.ts, or the module.',
    );
  }
}

/** A module's manifest names another module than its folder (`checkFolderName`). */
export class ModuleFolderNameError extends Error {
  override readonly name = 'ModuleFolderNameError';
  readonly code = 'MODULE_FOLDER_NAME';

  constructor(manifestFile: string, moduleName: string, folder: string) {
    super(
      `${manifestFile} names the module "${moduleName}", but its folder is "${folder}": a module's folder carries its name. ` +
        `Set name: '${folder}' (or rename the folder).`,
    );
  }
}
