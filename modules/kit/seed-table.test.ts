import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { seedTable } from './seed-table.ts';

function recordingDocuments() {
  const written: unknown[] = [];
  const documents = {
    send: async (command: { input: { RequestItems: Record<string, unknown[]> } }) => {
      written.push(command.input.RequestItems);
      return {};
    },
  };
  return { documents: documents as unknown as DynamoDBDocumentClient, written };
}

describe('seedTable', () => {
  it('puts the items into the physical table of the logical name', async () => {
    const { documents, written } = recordingDocuments();
    await seedTable('people', [{ id: 'nm1' }])({
      documents,
      tables: { people: 'turnout-names-people' },
    });
    expect(written).toEqual([
      { 'turnout-names-people': [{ PutRequest: { Item: { id: 'nm1' } } }] },
    ]);
  });

  it('names the table it cannot find', async () => {
    const { documents } = recordingDocuments();
    await expect(seedTable('people', [])({ documents, tables: {} })).rejects.toMatchObject({
      code: 'MISSING_SEED_TABLE',
      message: expect.stringContaining('"people" table'),
    });
  });
});
