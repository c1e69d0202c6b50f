export { type BuildModuleOptions, buildModule, type ModuleBundle } from './build-module.ts';
export { zipBundle } from './zip-bundle.ts';
