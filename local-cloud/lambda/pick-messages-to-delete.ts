import type { Message } from '@aws-sdk/client-sqs';
import type { InvokeResult } from './invoke.ts';

/**
 * Which messages of a batch are done, by Lambda's rules for SQS: none when the function
 * failed; all when it succeeded, unless the mapping reports batch item failures and the
 * response lists some, in which case all but those. A failure list Lambda cannot trust
 * (an item without an id, or with an id not in the batch) fails the whole batch.
 *
 * @example
 * pickMessagesToDelete(messages, result, { reportBatchItemFailures: true })
 */
export function pickMessagesToDelete(
  messages: Message[],
  result: Pick<InvokeResult, 'functionError' | 'body'>,
  options: { reportBatchItemFailures: boolean },
): Message[] {
  if (result.functionError) return [];
  if (!options.reportBatchItemFailures) return messages;
  const failed = failedMessageIds(result.body, messages);
  if (failed === 'whole-batch') return [];
  return messages.filter((message) => !failed.has(message.MessageId ?? ''));
}

function failedMessageIds(body: string, messages: Message[]): Set<string> | 'whole-batch' {
  const failures = batchItemFailuresOf(body);
  if (failures === undefined) return new Set();
  if (!Array.isArray(failures)) return 'whole-batch';
  const inBatch = new Set(messages.map((message) => message.MessageId));
  const failed = new Set<string>();
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || !inBatch.has(id)) return 'whole-batch';
    failed.add(id);
  }
  return failed;
}

/** `batchItemFailures` of the response; undefined for an empty, null or list-less one (success). */
function batchItemFailuresOf(body: string): unknown {
  if (!body) return undefined;
  let response: unknown;
  try {
    response = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (response === null || typeof response !== 'object') return undefined;
  return (response as { batchItemFailures?: unknown }).batchItemFailures ?? undefined;
}
