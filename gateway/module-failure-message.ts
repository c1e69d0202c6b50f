/**
 * What a client is told when a module failed, outside development: the module, what
 * kind of failure its code names, and the request id under which the gateway logged the
 * full text. Lambda's own messages (function ARNs, exception names) and a module's
 * internal errors (table names, stack lines) stay in the log.
 *
 * @example
 * moduleFailureMessage('MODULE_UNAVAILABLE', 'hello', 'req-1');
 * // 'Module "hello" could not be reached. The gateway logged the details under request id req-1.'
 */
export function moduleFailureMessage(code: string, module: string, requestId: string): string {
  return `${WHAT_HAPPENED[code]?.(module) ?? `Module "${module}" failed.`} The gateway logged the details under request id ${requestId}.`;
}

const WHAT_HAPPENED: Record<string, (module: string) => string> = {
  MODULE_TIMEOUT: (module) => `Module "${module}" did not answer in time.`,
  MODULE_THROTTLED: (module) => `Module "${module}" is over its capacity; try again shortly.`,
  MODULE_UNAVAILABLE: (module) => `Module "${module}" could not be reached.`,
  MODULE_BAD_RESPONSE: (module) => `Module "${module}" answered against the graphlet contract.`,
};
