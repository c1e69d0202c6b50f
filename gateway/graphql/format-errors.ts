import type { GraphQLFormattedError } from 'graphql';
import { GatewayError } from '../errors.ts';
import { GraphQLError } from './graphql-js.ts';

/**
 * Formats execution errors for the client. Outside dev, an error the gateway did not
 * mean to show (an exception without a code) becomes "Internal error" with the code
 * INTERNAL_SERVER_ERROR, and nothing carries a stack. Identical errors (a module's
 * failure repeated for each record of a batch) are sent once.
 *
 * @example
 * const errors = formatErrors(result.errors, { dev: false });
 */
export function formatErrors(
  errors: readonly GraphQLError[],
  options: { dev: boolean },
): GraphQLFormattedError[] {
  const seen = new Set<string>();
  const formatted: GraphQLFormattedError[] = [];
  for (const error of errors) {
    const one = formatError(error, options.dev);
    const key = JSON.stringify(one);
    if (seen.has(key)) continue;
    seen.add(key);
    formatted.push(one);
  }
  return formatted;
}

function formatError(error: GraphQLError, dev: boolean): GraphQLFormattedError {
  const formatted = error.toJSON();
  const original = rootCause(error);
  if (original instanceof GatewayError) {
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: original.code, module: original.module },
    };
  }
  if (original && !(original instanceof GraphQLError) && !formatted.extensions?.code) {
    if (dev)
      return {
        ...formatted,
        extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' },
      };
    return {
      ...formatted,
      message: 'Internal error',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  return formatted;
}

function rootCause(error: GraphQLError): Error | undefined {
  let current: Error | undefined = error.originalError;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
