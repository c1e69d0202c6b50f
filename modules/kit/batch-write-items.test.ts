import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchWriteItems } from './batch-write-items.ts';
import { UnprocessedItemsError } from './errors.ts';

type Requests = { PutRequest: { Item: Record<string, unknown> } }[];

/** A document client whose BatchWriteItem leaves `unprocessed(requests)` undone. */
function fakeDocuments(unprocessed: (requests: Requests) => Requests = () => []) {
  const calls: Requests[] = [];
  const documents = {
    send: async (command: { input: { RequestItems: Record<string, Requests> } }) => {
      const requests = command.input.RequestItems.people ?? [];
      calls.push(requests);
      const left = unprocessed(requests);
      return { UnprocessedItems: left.length ? { people: left } : {} };
    },
  };
  return { documents: documents as unknown as DynamoDBDocumentClient, calls };
}

const people = (count: number) => Array.from({ length: count }, (_, i) => ({ id: `nm${i}` }));

afterEach(() => {
  vi.useRealTimers();
});

describe('batchWriteItems', () => {
  it('puts 25 items a call, in order', async () => {
    const { documents, calls } = fakeDocuments();
    await batchWriteItems(documents, 'people', people(60));
    expect(calls.map((requests) => requests.length)).toEqual([25, 25, 10]);
    expect(calls[2]?.[9]).toEqual({ PutRequest: { Item: { id: 'nm59' } } });
  });

  it('writes again what DynamoDB left unprocessed', async () => {
    let first = true;
    const { documents, calls } = fakeDocuments((requests) => {
      if (!first) return [];
      first = false;
      return requests.slice(2);
    });
    await batchWriteItems(documents, 'people', people(3));
    expect(calls.map((requests) => requests.length)).toEqual([3, 1]);
  });

  it('gives up with an UnprocessedItemsError when the table keeps throttling', async () => {
    vi.useFakeTimers();
    const { documents, calls } = fakeDocuments((requests) => requests);
    const write = batchWriteItems(documents, 'people', people(2));
    const settled = expect(write).rejects.toThrow(UnprocessedItemsError);
    await vi.runAllTimersAsync();
    await settled;
    await expect(write).rejects.toThrow('DynamoDB left 2 items unwritten in people');
    expect(calls).toHaveLength(8);
  });
});
