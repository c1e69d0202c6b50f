import { describe, expect, it } from 'vitest';
import { isSqsEvent } from './is-sqs-event.ts';

const record = (eventSource: string) => ({ messageId: 'm-1', body: '{}', eventSource });

describe('isSqsEvent', () => {
  it('knows an SQS batch from an event source mapping', () => {
    expect(isSqsEvent({ Records: [record('aws:sqs'), record('aws:sqs')] })).toBe(true);
  });

  it('takes an HTTP API event, a GraphQL invoke or nothing for something else', () => {
    expect(isSqsEvent({ version: '2.0', rawPath: '/message' })).toBe(false);
    expect(isSqsEvent({ query: '{ _sdl }' })).toBe(false);
    expect(isSqsEvent(null)).toBe(false);
  });

  it('takes a batch with records from another source for something else', () => {
    expect(isSqsEvent({ Records: [record('aws:sqs'), record('aws:dynamodb')] })).toBe(false);
    expect(isSqsEvent({ Records: [] })).toBe(false);
  });
});
