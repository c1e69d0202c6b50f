/**
 * The local cloud: AWS stand-ins that speak the real wire protocols, so the unmodified
 * AWS SDK v3 clients reach them through their `endpoint` option.
 */

export { LOCAL_CREDENTIALS } from '../control-plane/aws/index.ts';
export { LocalCloudError } from './errors.ts';
export {
  LOCAL_AUDIENCE,
  type LocalIssuer,
  type LocalTokenClaims,
  type LocalTokenOptions,
  startLocalIssuer,
} from './issuer/index.ts';
export {
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from './start-local-cloud.ts';
