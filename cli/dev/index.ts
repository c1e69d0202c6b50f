export { type DevEndpoints, readEndpointsFile, writeEndpointsFile } from './endpoints-file.ts';
export { type DevEnvironment, type StartDevOptions, startDev } from './start-dev.ts';
export { type ModuleWatcher, watchDevModules, watchModules } from './watch-modules.ts';
