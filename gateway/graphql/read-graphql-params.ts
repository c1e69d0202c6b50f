import { BadRequestError } from '../errors.ts';
import type { GatewayRequest } from '../types.ts';

export interface GraphQLParams {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/**
 * Reads `{ query, variables, operationName }` from a GET query string or a POST JSON
 * body, as GraphQL over HTTP defines them. Throws a BadRequestError (400 or 415) saying
 * what is wrong.
 *
 * @example
 * const params = readGraphQLParams(request);
 */
export function readGraphQLParams(request: GatewayRequest): GraphQLParams {
  if (request.method === 'GET') return readFromQueryString(request.rawQueryString);
  const contentType = request.headers['content-type'];
  if (!contentType || !isJson(contentType)) {
    throw new BadRequestError(
      'UNSUPPORTED_MEDIA_TYPE',
      415,
      `POST a GraphQL request as "content-type: application/json" (got ${contentType ? `"${contentType}"` : 'none'}).`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body?.toString('utf8') ?? '');
  } catch (cause) {
    throw new BadRequestError('MALFORMED_JSON', 400, 'The request body is not valid JSON.', {
      cause,
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(
      'BAD_REQUEST',
      400,
      'The request body must be a JSON object { query, variables, operationName }; batched requests are not supported.',
    );
  }
  const { query, variables, operationName } = body as Record<string, unknown>;
  return checkParams(query, variables, operationName);
}

function readFromQueryString(rawQueryString: string): GraphQLParams {
  const search = new URLSearchParams(rawQueryString);
  const variables = search.get('variables');
  let parsed: unknown;
  if (variables) {
    try {
      parsed = JSON.parse(variables);
    } catch (cause) {
      throw new BadRequestError(
        'BAD_REQUEST',
        400,
        'The "variables" parameter is not valid JSON.',
        { cause },
      );
    }
  }
  return checkParams(
    search.get('query') ?? undefined,
    parsed,
    search.get('operationName') ?? undefined,
  );
}

function checkParams(query: unknown, variables: unknown, operationName: unknown): GraphQLParams {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new BadRequestError('BAD_REQUEST', 400, 'The request has no "query" string.');
  }
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw new BadRequestError('BAD_REQUEST', 400, '"variables" must be an object.');
  }
  if (operationName != null && typeof operationName !== 'string') {
    throw new BadRequestError('BAD_REQUEST', 400, '"operationName" must be a string.');
  }
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}

function isJson(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json' || type === 'application/graphql-response+json';
}
