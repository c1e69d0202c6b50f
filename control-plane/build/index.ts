export { type BuildModuleOptions, buildModule, type ModuleBundle } from './build-module.ts';
export { type BundleLambdaOptions, bundleLambda, type LambdaBundle } from './bundle-lambda.ts';
export { functionDescription } from './function-description.ts';
export { BUNDLE_TARGET, LAMBDA_RUNTIME } from './lambda-runtime.ts';
export { linkPackages } from './link-packages.ts';
export { readBuildProvenance, readGitCommit } from './read-build-provenance.ts';
export { VERSION_DESCRIPTION_MAX, versionDescription } from './version-description.ts';
export { zipBundle } from './zip-bundle.ts';
