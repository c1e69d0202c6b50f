/**
 * The key a recorded module answer is kept under: the function and the invoke payload
 * without its `context` (the request id differs on every request; what is asked does not).
 */
export function recordedAnswerKey(functionName: string, payload: string): string {
  return `${functionName} ${payload.replace(/"context":\{[^}]*\}/, '')}`;
}
