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

export class NoModulesFolderError extends Error {
  override readonly name = 'NoModulesFolderError';
  readonly code = 'NO_MODULES_FOLDER';

  constructor(root: string) {
    super(
      `There is no modules/ folder in ${root}: run turnout from the project root, or pass \`--root <dir>\`.`,
    );
  }
}

export class NoDevIssuerError extends Error {
  override readonly name = 'NoDevIssuerError';
  readonly code = 'NO_DEV_ISSUER';

  constructor(endpointsFile: string) {
    super(
      `No token issuer to sign with: no running \`turnout dev\` (${endpointsFile} is missing, stale, or names no issuer). ` +
        "Start it with `npm start` in another terminal; in AWS, get tokens from your environment's own issuer.",
    );
  }
}

export class NoLocalCloudError extends Error {
  override readonly name = 'NoLocalCloudError';
  readonly code = 'NO_LOCAL_CLOUD';

  constructor(endpointsFile: string) {
    super(
      `No local cloud is running (${endpointsFile} is missing or stale). ` +
        'Start it with `npm start` in another terminal, then run `eval "$(bin/turnout.js env)"` again.',
    );
  }
}

export class InvalidModuleNameError extends Error {
  override readonly name = 'InvalidModuleNameError';
  readonly code = 'INVALID_MODULE_NAME';

  constructor(moduleName: string, rule: string) {
    super(`"${moduleName}" cannot name a module: ${rule} (e.g. "reviews" or "lost-found").`);
  }
}

export class ModuleExistsError extends Error {
  override readonly name = 'ModuleExistsError';
  readonly code = 'MODULE_EXISTS';

  constructor(directory: string) {
    super(
      `${directory} is there already: choose another name, or edit that module. Nothing was written.`,
    );
  }
}
