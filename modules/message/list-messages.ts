import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeMessageCursor, encodeMessageCursor, type MessageKey } from './message-cursor.ts';
import type { DriverMessage } from './message-schemas.ts';

export interface MessagePage {
  messages: DriverMessage[];
  /** Pass it as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

export interface ListMessagesOptions {
  documents: DynamoDBDocumentClient;
  messagesTable: string;
  limit: number;
  cursor?: string;
}

/** One page of a driver's messages, newest first. */
export async function listMessages(
  driverId: string,
  options: ListMessagesOptions,
): Promise<MessagePage> {
  const startKey = options.cursor ? decodeMessageCursor(options.cursor, driverId) : undefined;
  const output = await options.documents.send(
    new QueryCommand({
      TableName: options.messagesTable,
      KeyConditionExpression: 'driverId = :driverId',
      ExpressionAttributeValues: { ':driverId': driverId },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: startKey,
    }),
  );
  const lastKey = output.LastEvaluatedKey as MessageKey | undefined;
  return {
    messages: (output.Items ?? []) as DriverMessage[],
    nextCursor: lastKey ? encodeMessageCursor(lastKey) : null,
  };
}
