import type { SQSEvent } from 'aws-lambda';

/** An SQS batch, as an event source mapping sends it (every record from `aws:sqs`). */
export function isSqsEvent(event: unknown): event is SQSEvent {
  const records = (event as { Records?: unknown } | null)?.Records;
  return (
    Array.isArray(records) &&
    records.length > 0 &&
    records.every((record) => (record as { eventSource?: unknown })?.eventSource === 'aws:sqs')
  );
}
