/**
 * The local cloud: AWS stand-ins that speak the real wire protocols, so the unmodified
 * AWS SDK v3 clients reach them through their `endpoint` option.
 */

export { LocalCloudError } from './errors.ts';
export {
  LOCAL_CREDENTIALS,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from './start-local-cloud.ts';
