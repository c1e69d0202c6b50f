/**
 * A stand-in for Lambda's Invoke API that answers from recorded module answers (a JSON
 * file of `[key, InvokeResult]` pairs, keys from recordedAnswerKey), run in a process of
 * its own by the IMDb benchmark: the gateway then does its real work for the real IMDb
 * answers, signed invokes over loopback included, at a rate the gateway sets rather than
 * the local cloud's modules. Prints its URL on the first line of stdout.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { InvokeResult } from '../../gateway/invoke/types.ts';
import { recordedAnswerKey } from './recorded-answer-key.ts';
import { serveStandIn } from './serve-stand-in.ts';

const answers = new Map(
  JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as [string, InvokeResult][],
);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const functionName = decodeURIComponent(req.url?.split('/')[3] ?? '');
    const answer = answers.get(
      recordedAnswerKey(functionName, Buffer.concat(chunks).toString('utf8')),
    );
    const body =
      answer?.payload ?? JSON.stringify({ message: `No recorded answer for ${functionName}` });
    res.writeHead(answer ? 200 : 404, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(answer
        ? { 'x-amz-executed-version': answer.executedVersion ?? '1' }
        : { 'x-amzn-errortype': 'ResourceNotFoundException' }),
    });
    res.end(body);
  });
});
serveStandIn(server);
