import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSMessageAttribute, SQSRecord, SQSRecordAttributes } from 'aws-lambda';

export interface SqsEventSource {
  eventSourceArn: string;
  awsRegion: string;
}

/**
 * The event Lambda hands a function for a batch of SQS messages: one record per
 * message, with its system attributes as strings and its message attributes in
 * Lambda's camelCase shape (binary values as base64).
 *
 * @example
 * const event = buildSqsEvent(received.Messages ?? [], { eventSourceArn, awsRegion: 'us-east-1' });
 */
export function buildSqsEvent(messages: Message[], source: SqsEventSource): SQSEvent {
  return { Records: messages.map((message) => toRecord(message, source)) };
}

function toRecord(message: Message, source: SqsEventSource): SQSRecord {
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes: (message.Attributes ?? {}) as unknown as SQSRecordAttributes,
    messageAttributes: Object.fromEntries(
      Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
        name,
        toRecordAttribute(value),
      ]),
    ),
    ...(message.MD5OfMessageAttributes
      ? { md5OfMessageAttributes: message.MD5OfMessageAttributes }
      : {}),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: source.eventSourceArn,
    awsRegion: source.awsRegion,
  };
}

function toRecordAttribute(value: MessageAttributeValue): SQSMessageAttribute {
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  return {
    ...(value.StringValue !== undefined ? { stringValue: value.StringValue } : {}),
    ...(value.BinaryValue !== undefined ? { binaryValue: base64(value.BinaryValue) } : {}),
    // why: Lambda always sends both lists, empty, though SQS reserves them for later
    stringListValues: value.StringListValues ?? [],
    binaryListValues: (value.BinaryListValues ?? []).map(base64),
    dataType: value.DataType ?? 'String',
  };
}
