export {
  type BuildModuleOptions,
  buildModule,
  type ModuleBundle,
  moduleEntryOf,
} from './build-module.ts';
export { type BundleLambdaOptions, bundleLambda, type LambdaBundle } from './bundle-lambda.ts';
export { bundleLambdas } from './bundle-lambdas.ts';
export { type BatchedBundle, createBundleBatch } from './create-bundle-batch.ts';
export { functionDescription } from './function-description.ts';
export { BUNDLE_MAIN_FIELDS, BUNDLE_TARGET, LAMBDA_RUNTIME } from './lambda-runtime.ts';
export { createLinkPackages, linkPackages } from './link-packages.ts';
export {
  type PackageVendor,
  type PrebundlePackagesOptions,
  prebundlePackages,
  type VendorEntry,
} from './prebundle-packages.ts';
export {
  readBuildProvenance,
  readGitCommit,
  readPackageVersions,
} from './read-build-provenance.ts';
export { readGitCommits } from './read-git-commits.ts';
export { VERSION_DESCRIPTION_MAX, versionDescription } from './version-description.ts';
export { zipBundle } from './zip-bundle.ts';
