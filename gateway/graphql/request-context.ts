/** The GraphQL context of one gateway request, as the module executors see it. */
export interface RequestContext {
  /** Passed to every module in the invoke payload's `context.requestId`. */
  requestId: string;
  /** Modules this request must invoke on one version, by number (see createVersionPinner). */
  versionPins?: ReadonlyMap<string, string>;
}
