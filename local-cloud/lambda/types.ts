/**
 * The records the local Lambda keeps. Field names follow Lambda's API shapes
 * (`FunctionConfiguration`, `AliasConfiguration`) so a record answers a Get call as-is.
 */

/** Where a version's code lives on this machine and what identifies it. */
export interface CodePackage {
  /** The directory the handler is imported from. */
  dir: string;
  /** Base64 SHA-256 of the zip, or of the directory's files for the local-directory form. */
  sha256: string;
  size: number;
  /** True when `dir` is a temp dir this service made and must remove. */
  owned: boolean;
}

/** One version's configuration, as `GetFunctionConfiguration` returns it. */
export interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime: string;
  Role: string;
  Handler: string;
  CodeSize: number;
  Description: string;
  Timeout: number;
  MemorySize: number;
  LastModified: string;
  CodeSha256: string;
  Version: string;
  Environment: { Variables: Record<string, string> };
  RevisionId: string;
  State: 'Active';
  LastUpdateStatus: 'Successful';
  PackageType: 'Zip';
  Architectures: string[];
}

/** A version: its configuration plus the code it runs. Published versions never change. */
export interface FunctionVersion {
  config: FunctionConfiguration;
  code: CodePackage;
}

export interface AliasRoutingConfig {
  AdditionalVersionWeights?: Record<string, number>;
}

/** An alias, as `GetAlias` returns it. */
export interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RoutingConfig?: AliasRoutingConfig;
  RevisionId: string;
}

/** Everything stored for one function. */
export interface FunctionRecord {
  name: string;
  arn: string;
  latest: FunctionVersion;
  /** Published versions by number ("1", "2", ...). */
  versions: Map<string, FunctionVersion>;
  aliases: Map<string, AliasConfiguration>;
  lastVersionNumber: number;
  reservedConcurrency: number | undefined;
}

/** Where an event source mapping stands; the local Lambda settles each change at once. */
export type EventSourceMappingState =
  | 'Creating'
  | 'Enabling'
  | 'Enabled'
  | 'Disabling'
  | 'Disabled'
  | 'Updating'
  | 'Deleting';

/** An SQS event source mapping, as `GetEventSourceMapping` returns it. */
export interface EventSourceMappingConfiguration {
  UUID: string;
  EventSourceMappingArn: string;
  EventSourceArn: string;
  /** The function's ARN, with the alias or version when the mapping names one. */
  FunctionArn: string;
  BatchSize: number;
  MaximumBatchingWindowInSeconds: number;
  FunctionResponseTypes: 'ReportBatchItemFailures'[];
  ScalingConfig?: { MaximumConcurrency: number };
  /** Epoch seconds, the format Lambda's REST API uses for this field. */
  LastModified: number;
  State: EventSourceMappingState;
  StateTransitionReason: string;
}
