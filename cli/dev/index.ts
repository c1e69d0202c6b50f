export { type DevEndpoints, readEndpointsFile, writeEndpointsFile } from './endpoints-file.ts';
export { type DevEnvironment, type StartDevOptions, startDev } from './start-dev.ts';
