import { describe, expect, it } from 'vitest';
import { readGraphletAnswer } from './read-graphlet-answer.ts';
import type { AnswerCheck, InvokeResult } from './types.ts';

const result = (payload: string): InvokeResult => ({
  statusCode: 200,
  executedVersion: '4',
  functionError: undefined,
  payload,
});
const read = (payload: string, answerCheck?: AnswerCheck) =>
  readGraphletAnswer({ answerCheck }, result(payload));

describe('readGraphletAnswer', () => {
  it.each([
    ['not JSON', '<html>oops', 'the answer is not JSON'],
    ['a bare string', '"ok"', 'the answer is a string, not { data, errors }'],
    ['a list', '[]', 'the answer is a list, not { data, errors }'],
    ['neither data nor errors', '{}', 'the answer has neither data nor errors'],
    ['null data and no error', '{"data":null}', 'the answer has neither data nor errors'],
    ['data that is a list', '{"data":[1]}', 'data is a list, not an object'],
    ['errors that are no list', '{"data":{},"errors":"boom"}', 'errors is a string, not a list'],
    [
      'an error that is no object',
      '{"errors":["boom"]}',
      'errors holds a string, not an error object',
    ],
  ])('finds an answer that is %s breaking the contract', (_case, payload, violation) => {
    expect(read(payload).violation).toBe(violation);
  });

  it('asks the request’s check about the data, with the variables sent and whether errors came', () => {
    const seen: unknown[] = [];
    const answerCheck: AnswerCheck = (data, hasErrors, variables) => {
      seen.push([data, hasErrors, variables]);
      return '_titles: 0 entries for 3 keys';
    };
    const variables = { _0_ids: ['tt1', 'tt2', 'tt3'] };
    const answer = readGraphletAnswer(
      { answerCheck, variables },
      result('{"data":{"_0":[]},"errors":[{"message":"x"}]}'),
    );
    expect(answer.violation).toBe('_titles: 0 entries for 3 keys');
    expect(seen).toEqual([[{ _0: [] }, true, variables]]);
  });

  it('takes data null with an error as an answer, not a violation', () => {
    const answer = read('{"data":null,"errors":[{"message":"x"}]}', () => 'never asked');
    expect(answer.violation).toBeUndefined();
  });

  it('tells the module’s errors from the client’s', () => {
    const thrown = read('{"data":{"x":null},"errors":[{"message":"boom"}]}');
    const badInput = read(
      '{"data":{"x":null},"errors":[{"message":"bad id","extensions":{"code":"BAD_USER_INPUT"}}]}',
    );
    expect([thrown.serverError, badInput.serverError]).toEqual([true, false]);
  });

  it('judges an invoke once, however many ask', () => {
    let checks = 0;
    const request = {
      answerCheck: () => {
        checks++;
        return undefined;
      },
    };
    const answered = result('{"data":{"x":1}}');
    const first = readGraphletAnswer(request, answered);
    expect(readGraphletAnswer(request, answered)).toBe(first);
    expect(checks).toBe(1);
  });

  it('hands the parsed answer to its first reader and a copy of its own to each later one', () => {
    const answer = read('{"data":{"x":{"y":1}}}', () => undefined);
    const first = answer.take();
    const second = answer.take();
    expect(second).toEqual(first);
    expect(second.data?.x).not.toBe(first.data?.x);
  });
});
