import { describe, expect, it } from 'vitest';
import { ModuleError } from '../errors.ts';
import { fromApiGatewayResult } from './from-api-gateway-result.ts';

describe('fromApiGatewayResult', () => {
  it('keeps status, headers, multi-value headers and cookies', () => {
    const response = fromApiGatewayResult(
      'm',
      JSON.stringify({
        statusCode: 302,
        headers: { Location: '/x' },
        multiValueHeaders: { 'X-A': ['1', '2'] },
        cookies: ['a=1'],
      }),
    );
    expect(response).toEqual({
      statusCode: 302,
      headers: { location: '/x' },
      multiValueHeaders: { 'x-a': ['1', '2'] },
      cookies: ['a=1'],
      body: '',
    });
  });

  it('decodes a base64 body', () => {
    const body = Buffer.from([0, 1, 2, 255]);
    const response = fromApiGatewayResult(
      'm',
      JSON.stringify({ statusCode: 200, body: body.toString('base64'), isBase64Encoded: true }),
    );
    expect(Buffer.isBuffer(response.body) && response.body.equals(body)).toBe(true);
  });

  it('answers a result without statusCode as 200 JSON', () => {
    expect(fromApiGatewayResult('m', '"hello"')).toMatchObject({ statusCode: 200, body: 'hello' });
    expect(fromApiGatewayResult('m', '{"a":1}')).toMatchObject({
      statusCode: 200,
      body: '{"a":1}',
    });
    expect(fromApiGatewayResult('m', '{"a":1}').headers['content-type']).toBe('application/json');
  });

  it('rejects a status code that is not one', () => {
    expect(() => fromApiGatewayResult('m', '{"statusCode":"soon"}')).toThrow(ModuleError);
    expect(() => fromApiGatewayResult('m', 'not json')).toThrow(/invalid JSON/);
  });
});
