import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchGetItems } from './batch-get-items.ts';
import { UnprocessedItemsError } from './errors.ts';

type Keys = Record<string, string>[];
type BatchGetInput = { RequestItems: Record<string, { Keys: Keys }> };

/** A document client whose BatchGetItem answers through `answer`, recording each call's keys. */
function fakeDocuments(answer: (keys: Keys) => { found: Keys; unprocessed?: Keys }) {
  const calls: Keys[] = [];
  const documents = {
    send: async (command: { input: BatchGetInput }) => {
      const keys = command.input.RequestItems.people?.Keys ?? [];
      calls.push(keys);
      const { found, unprocessed = [] } = answer(keys);
      return {
        Responses: { people: found },
        UnprocessedKeys: unprocessed.length ? { people: { Keys: unprocessed } } : {},
      };
    },
  };
  return { documents: documents as unknown as DynamoDBDocumentClient, calls };
}

const ids = (count: number) => Array.from({ length: count }, (_, i) => `nm${i}`);

afterEach(() => {
  vi.useRealTimers();
});

describe('batchGetItems', () => {
  it('asks for 100 keys a call, each key once', async () => {
    const { documents, calls } = fakeDocuments((keys) => ({ found: keys }));
    const items = await batchGetItems(documents, 'people', [...ids(250), 'nm0', 'nm1']);
    expect(calls.map((keys) => keys.length)).toEqual([100, 100, 50]);
    expect(items).toHaveLength(250);
  });

  it('keys the items by the partition key it is given', async () => {
    const { documents, calls } = fakeDocuments((keys) => ({ found: keys }));
    await batchGetItems(documents, 'people', ['tt1'], { keyName: 'titleId' });
    expect(calls[0]).toEqual([{ titleId: 'tt1' }]);
  });

  it('asks again for the keys DynamoDB left unprocessed', async () => {
    let first = true;
    const { documents, calls } = fakeDocuments((keys) => {
      if (!first) return { found: keys };
      first = false;
      return { found: keys.slice(0, 1), unprocessed: keys.slice(1) };
    });
    const items = await batchGetItems(documents, 'people', ids(3));
    expect(calls).toEqual([
      [{ id: 'nm0' }, { id: 'nm1' }, { id: 'nm2' }],
      [{ id: 'nm1' }, { id: 'nm2' }],
    ]);
    expect(items).toHaveLength(3);
  });

  it('gives up with an UnprocessedItemsError when the table keeps throttling', async () => {
    vi.useFakeTimers();
    const { documents, calls } = fakeDocuments((keys) => ({ found: [], unprocessed: keys }));
    const read = batchGetItems(documents, 'people', ids(2));
    const settled = expect(read).rejects.toThrow(UnprocessedItemsError);
    await vi.runAllTimersAsync();
    await settled;
    await expect(read).rejects.toMatchObject({
      code: 'UNPROCESSED_ITEMS',
      message: 'DynamoDB left 2 keys of people unprocessed',
    });
    expect(calls).toHaveLength(8);
  });

  it('sends nothing for no keys', async () => {
    const { documents, calls } = fakeDocuments((keys) => ({ found: keys }));
    expect(await batchGetItems(documents, 'people', [])).toEqual([]);
    expect(calls).toEqual([]);
  });
});
