export { deployUnitsOf } from './deploy-units-of.ts';
export { type DiscoveredModule, discoverModules, loadModule } from './discover-modules.ts';
export { ModuleNotFoundError } from './errors.ts';
export { locateSdl, type SdlSource } from './locate-sdl.ts';
