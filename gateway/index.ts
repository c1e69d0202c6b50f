/** The gateway: the data plane that runs in the gateway Lambda and in `turnout dev`. */

export {
  type HealthSample,
  type HealthSamplesAnswer,
  UNKNOWN_VERSION,
} from '../contracts/health-samples.ts';
export { toApiGatewayEvent } from '../contracts/rest-invoke-event.ts';
export type { AuthOptions } from './auth/auth-options.ts';
export {
  AccessError,
  ForbiddenError,
  InvalidTokenError,
  KeysUnavailableError,
  UnauthenticatedError,
} from './auth/errors.ts';
export { readAuthOptionsFromEnv } from './auth/read-auth-options-from-env.ts';
export type { VerifiedCaller } from './auth/verified-caller.ts';
export {
  type BuildGenerationOptions,
  buildGatewayGeneration,
  type GatewayGeneration,
} from './build-gateway-generation.ts';
export {
  createGateway,
  DEFAULT_CSRF_HEADERS,
  DEFAULT_LIMITS,
  type Gateway,
  type GatewayLimits,
  type GatewayOptions,
} from './create-gateway.ts';
export { createJsonLogger, type JsonLoggerOptions, silentLogger } from './create-json-logger.ts';
export {
  BadRequestError,
  GatewayConfigError,
  GatewayError,
  GenerationLoadError,
  LambdaInvokeError,
  ModuleError,
  ModuleTimeoutError,
  NoGenerationError,
} from './errors.ts';
export { buildSupergraphSchema } from './graphql/build-supergraph-schema.ts';
export {
  createHealthRecorder,
  type HealthQuery,
  type HealthRecorder,
  type InvokeOutcome,
} from './health/create-health-recorder.ts';
export { LATENCY_BUCKET_BOUNDS_MS } from './health/latency-buckets.ts';
export {
  createLambdaInvoker,
  type LambdaInvoker,
  type LambdaInvokerOptions,
} from './invoke/create-lambda-invoker.ts';
export { dedupeInvokes } from './invoke/dedupe-invokes.ts';
export type { AwsCredentials } from './invoke/read-credentials-from-env.ts';
export type { InvokeRequest, InvokeResult, Invoker } from './invoke/types.ts';
export { createGatewayFromEnv, createLambdaHandler, type GatewayLambdaHandler } from './lambda.ts';
export type { GenerationSource } from './registry/create-generation-watcher.ts';
export {
  createLeanRegistrySource,
  type LeanRegistrySourceOptions,
} from './registry/create-lean-registry-source.ts';
export {
  loadNewestGeneration,
  peekNewestGenerationNumber,
  type RegistryTable,
} from './registry/load-newest-generation.ts';
export { toGenerationSource } from './registry/to-generation-source.ts';
export { matchRoute, sortRoutes } from './rest/match-route.ts';
export { type GatewayServer, type GatewayServerOptions, startGatewayServer } from './server.ts';
export type { Clock, GatewayRequest, GatewayResponse, Logger } from './types.ts';
