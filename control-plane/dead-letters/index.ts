export { type DeadLetterQueue, findDeadLetterQueues } from './find-dead-letter-queues.ts';
export { type DeadLetter, peekDeadLetters } from './peek-dead-letters.ts';
export {
  type RedriveOptions,
  type RedriveResult,
  redriveDeadLetters,
} from './redrive-dead-letters.ts';
