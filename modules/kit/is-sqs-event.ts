import type { SQSEvent } from 'aws-lambda';

/**
 * Whether a Lambda event is an SQS batch, as an event source mapping sends it (every
 * record from `aws:sqs`), for a function that also answers requests.
 *
 * @example
 * if (isSqsEvent(event)) return deliverMessages(event, store);
 * return restHandler(event, context);
 */
export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: unknown } | null)?.Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every((record) => (record as { eventSource?: unknown })?.eventSource === 'aws:sqs')
  );
}
