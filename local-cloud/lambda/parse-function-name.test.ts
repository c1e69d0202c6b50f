import { describe, expect, it } from 'vitest';
import { InvalidParameterValueError } from './errors.ts';
import { parseFunctionName } from './parse-function-name.ts';

describe('parseFunctionName', () => {
  it('reads a plain name, with the qualifier given apart', () => {
    expect(parseFunctionName('orders', '2')).toEqual({ name: 'orders', qualifier: '2' });
  });

  it('reads the qualifier from name:qualifier', () => {
    expect(parseFunctionName('orders:live')).toEqual({ name: 'orders', qualifier: 'live' });
  });

  it('reads full and partial ARNs, qualified or not', () => {
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:orders';
    expect(parseFunctionName(arn)).toEqual({ name: 'orders', qualifier: undefined });
    expect(parseFunctionName(`${arn}:$LATEST`)).toEqual({ name: 'orders', qualifier: '$LATEST' });
    expect(parseFunctionName('123456789012:function:orders:7')).toEqual({
      name: 'orders',
      qualifier: '7',
    });
  });

  it('rejects a qualifier that disagrees with the one in the name', () => {
    expect(() => parseFunctionName('orders:live', '2')).toThrow(InvalidParameterValueError);
  });
});
