export {
  createSigV4Signer,
  type SignableRequest,
  type SigV4Signer,
  type SigV4SignerOptions,
} from './create-sigv4-signer.ts';
