/** The token issuer of the local cloud: signs tokens the gateway of `turnout dev` verifies. */

export {
  LOCAL_AUDIENCE,
  type LocalIssuer,
  type LocalTokenClaims,
  type LocalTokenOptions,
  startLocalIssuer,
} from './start-local-issuer.ts';
