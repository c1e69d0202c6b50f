/** Lambda's error payload: what the caller gets with `X-Amz-Function-Error: Unhandled`. */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** What Lambda answers when an invoke outlives the function's timeout. */
export function timeoutError(requestId: string, timeoutSeconds: number): FunctionErrorPayload {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  };
}

/** How the runtime process ended: its exit code, or the signal that ended it. */
export interface RuntimeExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** It was ended for using more memory than the function's MemorySize. */
  outOfMemory?: boolean;
}

/**
 * What Lambda answers when the runtime process dies during an invoke: `Runtime.ExitError`
 * with Go's wording of the exit (Lambda's own agent is written in Go), or
 * `Runtime.OutOfMemory` when it was killed for its memory.
 *
 * @example
 * exitError('r1', { code: null, signal: 'SIGKILL' }).errorMessage
 * // 'RequestId: r1 Error: Runtime exited with error: signal: killed'
 */
export function exitError(requestId: string, exit: RuntimeExit): FunctionErrorPayload {
  if (exit.outOfMemory) {
    return {
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
    };
  }
  const how = exit.signal
    ? `signal: ${SIGNAL_WORDS[exit.signal] ?? exit.signal}`
    : `exit status ${exit.code ?? 0}`;
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${how}`,
  };
}

/** Go's `os.ProcessState` names for the signals a runtime dies of. */
const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted',
  SIGSEGV: 'segmentation fault',
  SIGTERM: 'terminated',
  SIGBUS: 'bus error',
  SIGILL: 'illegal instruction',
  SIGFPE: 'floating point exception',
  SIGTRAP: 'trace/breakpoint trap',
  SIGINT: 'interrupt',
};

/** Lambda's limit on a synchronous response, the figure its error message names. */
export const RESPONSE_LIMIT_BYTES = 6_291_556;

/** What Lambda answers when a function's response is over `RESPONSE_LIMIT_BYTES`. */
export function responseTooLargeError(): FunctionErrorPayload {
  return {
    errorType: 'Function.ResponseSizeTooLarge',
    errorMessage: `Response payload size exceeded maximum allowed payload size (${RESPONSE_LIMIT_BYTES} bytes).`,
  };
}
