/** The GraphQL context of one gateway request, as the module executors see it. */
export interface RequestContext {
  /** Passed to every module in the invoke payload's `context.requestId`. */
  requestId: string;
}
