export { checkFolderName } from './check-folder-name.ts';
export { checkUnitNames } from './check-unit-names.ts';
export { deployUnitsOf } from './deploy-units-of.ts';
export { type DiscoveredModule, discoverModules, loadModule } from './discover-modules.ts';
export { ModuleFolderNameError, ModuleNotFoundError, UnitNameCollisionError } from './errors.ts';
export { locateSdl, type SdlSource } from './locate-sdl.ts';
