/**
 * Prints an error for a person: its message (ours say what to fix), never a stack
 * trace unless TURNOUT_DEBUG is set.
 */
export function reportError(
  error: unknown,
  write: (text: string) => void = (t) => process.stderr.write(t),
): void {
  if (process.env.TURNOUT_DEBUG && error instanceof Error) {
    write(`${error.stack ?? error.message}\n`);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  write(`turnout: ${message}${typeof code === 'string' ? ` [${code}]` : ''}\n`);
  write('(set TURNOUT_DEBUG=1 for the stack trace)\n');
}
