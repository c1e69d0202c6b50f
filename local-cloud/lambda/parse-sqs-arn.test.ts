import { describe, expect, it } from 'vitest';
import { InvalidParameterValueError } from './errors.ts';
import { parseSqsArn } from './parse-sqs-arn.ts';

describe('parseSqsArn', () => {
  it('reads the region, account and queue name of a standard queue', () => {
    expect(parseSqsArn('arn:aws:sqs:eu-west-1:123456789012:turnout-message-deliveries')).toEqual({
      region: 'eu-west-1',
      accountId: '123456789012',
      queueName: 'turnout-message-deliveries',
      fifo: false,
    });
  });

  it('tells a FIFO queue by its .fifo suffix', () => {
    expect(parseSqsArn('arn:aws:sqs:us-east-1:000000000000:jobs.fifo').fifo).toBe(true);
  });

  it.each([
    ['a Kinesis stream', 'arn:aws:kinesis:us-east-1:000000000000:stream/orders'],
    ['a DynamoDB stream', 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024'],
    ['a queue URL', 'http://127.0.0.1:4566/000000000000/jobs'],
    ['an ARN without an account', 'arn:aws:sqs:us-east-1::jobs'],
  ])('refuses %s with InvalidParameterValueError', (_, arn) => {
    expect(() => parseSqsArn(arn)).toThrow(InvalidParameterValueError);
  });
});
