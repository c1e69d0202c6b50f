import { formatMessages, type Message } from 'esbuild';

/**
 * An error as `turnout dev` prints it to a module team: a build's errors as esbuild words
 * them (file, line and column, and the line itself), anything else by its message.
 *
 * @example
 * await describeError(error); // 'The build failed:\n✘ [ERROR] Expected identifier but found "{" ...'
 */
export async function describeError(error: unknown): Promise<string> {
  const messages = (error as { errors?: Message[] })?.errors;
  if (Array.isArray(messages) && messages.length > 0 && isEsbuildMessage(messages[0])) {
    const formatted = await formatMessages(messages, { kind: 'error', color: false });
    return `The build failed:\n${formatted.join('').trimEnd()}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function isEsbuildMessage(message: unknown): message is Message {
  return (
    typeof message === 'object' && message !== null && 'location' in message && 'text' in message
  );
}
