import { describe, expect, it } from 'vitest';
import { pickMessagesToDelete } from './pick-messages-to-delete.ts';

const batch = [{ MessageId: 'a' }, { MessageId: 'b' }, { MessageId: 'c' }];
const reporting = { reportBatchItemFailures: true };
const answer = (response: unknown) => ({ body: JSON.stringify(response) });
const ids = (messages: { MessageId?: string }[]) => messages.map((m) => m.MessageId);

describe('pickMessagesToDelete', () => {
  it('deletes the whole batch when the function succeeds', () => {
    expect(
      ids(pickMessagesToDelete(batch, answer({ ok: 1 }), { reportBatchItemFailures: false })),
    ).toEqual(['a', 'b', 'c']);
  });

  it('deletes nothing when the function fails, even with a failure list', () => {
    const failed = { functionError: 'Unhandled' as const, body: '{"errorType":"Error"}' };
    expect(pickMessagesToDelete(batch, failed, reporting)).toEqual([]);
  });

  it('deletes all but the reported failures when the mapping reports them', () => {
    const result = answer({ batchItemFailures: [{ itemIdentifier: 'b' }] });
    expect(ids(pickMessagesToDelete(batch, result, reporting))).toEqual(['a', 'c']);
  });

  it('ignores a failure list when the mapping does not report batch item failures', () => {
    const result = answer({ batchItemFailures: [{ itemIdentifier: 'b' }] });
    expect(ids(pickMessagesToDelete(batch, result, { reportBatchItemFailures: false }))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it.each([
    ['an empty response', { body: '' }],
    ['a null response', answer(null)],
    ['an empty failure list', answer({ batchItemFailures: [] })],
    ['a null failure list', answer({ batchItemFailures: null })],
  ])('treats %s as success', (_, result) => {
    expect(pickMessagesToDelete(batch, result, reporting)).toHaveLength(3);
  });

  it.each([
    ['an empty identifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null identifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['a misspelt key', { batchItemFailures: [{ itemId: 'b' }] }],
    ['an id not in the batch', { batchItemFailures: [{ itemIdentifier: 'z' }] }],
  ])('fails the whole batch for %s', (_, response) => {
    expect(pickMessagesToDelete(batch, answer(response), reporting)).toEqual([]);
  });
});
