import { describe, expect, it } from 'vitest';
import { buildSqsEvent } from './build-sqs-event.ts';

const source = {
  eventSourceArn: 'arn:aws:sqs:us-east-1:000000000000:jobs',
  awsRegion: 'us-east-1',
};

describe('buildSqsEvent', () => {
  it('builds one Lambda SQS record per message with its system attributes', () => {
    const attributes = {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1700000000000',
      SenderId: '000000000000',
      ApproximateFirstReceiveTimestamp: '1700000000001',
    };
    const event = buildSqsEvent(
      [
        {
          MessageId: 'm1',
          ReceiptHandle: 'r1',
          Body: 'hello',
          MD5OfBody: 'abc',
          Attributes: attributes,
        },
      ],
      source,
    );
    expect(event.Records).toEqual([
      {
        messageId: 'm1',
        receiptHandle: 'r1',
        body: 'hello',
        attributes,
        messageAttributes: {},
        md5OfBody: 'abc',
        eventSource: 'aws:sqs',
        eventSourceARN: source.eventSourceArn,
        awsRegion: 'us-east-1',
      },
    ]);
  });

  it('turns message attributes into camelCase with binary values in base64', () => {
    const event = buildSqsEvent(
      [
        {
          MessageId: 'm1',
          MD5OfMessageAttributes: 'def',
          MessageAttributes: {
            kind: { DataType: 'String', StringValue: 'urgent' },
            blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') },
          },
        },
      ],
      source,
    );
    expect(event.Records[0]).toMatchObject({
      md5OfMessageAttributes: 'def',
      messageAttributes: {
        kind: {
          stringValue: 'urgent',
          stringListValues: [],
          binaryListValues: [],
          dataType: 'String',
        },
        blob: {
          binaryValue: 'aGk=',
          stringListValues: [],
          binaryListValues: [],
          dataType: 'Binary',
        },
      },
    });
  });
});
