export {
  type DevEndpoints,
  type MultiRegionEndpoints,
  type RegionEndpoints,
  readEndpointsFile,
  writeEndpointsFile,
} from './endpoints-file.ts';
export { type DevEnvironment, type StartDevOptions, startDev } from './start-dev.ts';
export {
  type RegionsDevEnvironment,
  type StartRegionsDevOptions,
  startRegionsDev,
} from './start-regions-dev.ts';
export { type ModuleWatcher, watchDevModules, watchModules } from './watch-modules.ts';
