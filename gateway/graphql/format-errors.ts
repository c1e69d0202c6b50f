import type { GraphQLFormattedError } from 'graphql';
import { GatewayError } from '../errors.ts';
import { CLIENT_MESSAGE_CODES } from '../invoke/client-error-codes.ts';
import { moduleFailureMessage } from '../module-failure-message.ts';
import { GraphQLError } from './graphql-js.ts';

export interface FormatErrorsOptions {
  dev: boolean;
  /** Named in masked errors, so that a client's report finds the log lines. */
  requestId: string;
  /**
   * Keep graphql-js's "Did you mean ...?" suggestions. Off when introspection is: they
   * spell out the schema a field at a time. @default true
   */
  suggestions?: boolean;
}

const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Formats execution errors for the client. Outside dev, what the gateway did not write
 * for clients is masked, its full text left to the log: a module's failure (a Lambda
 * refusal naming the function's ARN, a timeout, a bad answer) and a module's own error
 * without a client code (`CLIENT_MESSAGE_CODES`: a resolver's "Cannot do operations on
 * a non-existent table") become the module's name, a stable code and the request id; an
 * exception without a code becomes "Internal error" (INTERNAL_SERVER_ERROR). Nothing
 * carries a stack. With `suggestions: false` (introspection off, as Apollo does) "Did you
 * mean" is cut from every message. Identical errors (a module's failure repeated for each record of a
 * batch) are sent once.
 *
 * @example
 * const errors = formatErrors(result.errors, { dev: false, requestId });
 */
export function formatErrors(
  errors: readonly GraphQLError[],
  options: FormatErrorsOptions,
): GraphQLFormattedError[] {
  const seen = new Set<string>();
  const formatted: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const one = withoutSuggestions(formatError(error, options), options.suggestions ?? true);
    const key = JSON.stringify(one);
    if (seen.has(key)) continue;
    seen.add(key);
    formatted.push(one);
  }
  return formatted;
}

function formatError(error: GraphQLError, options: FormatErrorsOptions): GraphQLFormattedError {
  const formatted = error.toJSON();
  const original = rootCause(error);
  if (original instanceof GatewayError) {
    const { code, module } = original;
    if (options.dev || module === undefined)
      return { ...formatted, extensions: { ...formatted.extensions, code, module } };
    return masked(formatted, code, module, options.requestId);
  }
  const thrown = original !== undefined && !(original instanceof GraphQLError);
  const module = formatted.extensions?.module;
  // What a module answered: placed by the gateway, tagged with the module, never thrown here.
  if (!thrown && typeof module === 'string') {
    if (options.dev || CLIENT_MESSAGE_CODES.has(String(formatted.extensions?.code)))
      return formatted;
    return masked(formatted, 'MODULE_ERROR', module, options.requestId);
  }
  if (thrown && !formatted.extensions?.code) {
    if (options.dev)
      return {
        ...formatted,
        extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' },
      };
    return {
      ...formatted,
      message: 'Internal error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: options.requestId },
    };
  }
  return formatted;
}

function masked(
  formatted: GraphQLFormattedError,
  code: string,
  module: string,
  requestId: string,
): GraphQLFormattedError {
  return {
    message: moduleFailureMessage(code, module, requestId),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, module, requestId },
  };
}

function withoutSuggestions(
  formatted: GraphQLFormattedError,
  suggestions: boolean,
): GraphQLFormattedError {
  if (suggestions || !SUGGESTION.test(formatted.message)) return formatted;
  return { ...formatted, message: formatted.message.replace(SUGGESTION, '') };
}

function rootCause(error: GraphQLError): Error | undefined {
  let current: Error | undefined = error.originalError;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
