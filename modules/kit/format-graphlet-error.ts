import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * A GraphQL error as the gateway receives it: message, locations, path and
 * `extensions.code`; never a stack. A resolver's error `code` (as on every kit and
 * AWS SDK error) becomes `extensions.code`, so callers can branch on it.
 */
export function formatGraphletError(error: unknown): GraphQLFormattedError {
  const graphQLError =
    error instanceof GraphQLError
      ? error
      : new GraphQLError(error instanceof Error ? error.message : String(error), {
          originalError: error instanceof Error ? error : undefined,
        });
  const formatted = graphQLError.toJSON();
  const code = errorCode(graphQLError.originalError);
  if (!code || formatted.extensions?.code) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An error of the invoke itself, before any resolver ran. */
export function graphletRequestError(message: string, code: string): GraphQLFormattedError {
  return { message, extensions: { code } };
}
