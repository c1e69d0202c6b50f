import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';

/** An API Gateway HTTP API (payload v2) handler, as the module runs behind a real path mapping too. */
export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const name = event.queryStringParameters?.name ?? 'world';
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      message: `hello, ${name}`,
      version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    }),
  };
}
