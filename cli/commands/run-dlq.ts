import {
  type DeadLetterQueue,
  findDeadLetterQueues,
  peekDeadLetters,
  redriveDeadLetters,
} from '../../control-plane/dead-letters/index.ts';
import { loadModule } from '../../control-plane/module-catalog/index.ts';
import { findModulesDirectory } from '../find-modules-directory.ts';
import { type Environment, openEnvironment } from '../open-environment.ts';
import { registerTypeScript } from '../register-typescript.ts';

/** The longest body shown per dead letter. */
const BODY_CHARS = 160;

/** What `turnout dlq` does once its options are read (commands/dlq.ts). */
export async function runDlq(
  module: string,
  options: { root: string; pipeline?: string; redrive?: boolean; reason?: string },
): Promise<void> {
  await registerTypeScript(); // the module's manifest is TypeScript
  const { manifest } = await loadModule(await findModulesDirectory(options.root), module);
  const env = await openEnvironment({ root: options.root, pipelineFile: options.pipeline });
  try {
    const sqs = env.clients.sqs;
    const queues = await findDeadLetterQueues(manifest, {
      sqs,
      resourcePrefix: env.resourcePrefix,
    });
    if (queues.length === 0) {
      console.log(`${module} has no queues, so no dead letters.`);
      return;
    }
    for (const queue of queues) {
      await showQueue(env, queue);
      if (options.redrive) await redrive(env, module, queue, options.reason);
    }
  } finally {
    env.close();
  }
}

async function showQueue(env: Environment, queue: DeadLetterQueue): Promise<void> {
  // A dead letter someone just received (a peek, a redrive) is in flight for a moment: it
  // is still a dead letter.
  const total = queue.waiting + queue.inFlight;
  console.log(
    `${queue.queue}: ${total} dead letters${queue.inFlight ? ` (${queue.inFlight} being read now)` : ''} in ${queue.deadLetterArn}`,
  );
  if (total === 0) return;
  const letters = await peekDeadLetters(env.clients.sqs, queue.deadLetterUrl);
  for (const letter of letters) {
    const body =
      letter.body.length > BODY_CHARS ? `${letter.body.slice(0, BODY_CHARS)}…` : letter.body;
    console.log(
      `  ${letter.messageId}  sent ${letter.sentAt ?? '?'}  received ${letter.receiveCount}x  ${body}`,
    );
  }
  if (total > letters.length) console.log(`  … and ${total - letters.length} more`);
}

async function redrive(
  env: Environment,
  module: string,
  queue: DeadLetterQueue,
  reason: string | undefined,
): Promise<void> {
  if (queue.waiting + queue.inFlight === 0) {
    console.log(`  nothing to move back to ${queue.queueArn}`);
    return;
  }
  let shown = -1;
  const { task, record } = await redriveDeadLetters(queue, {
    sqs: env.clients.sqs,
    store: env.store,
    module,
    target: env.targets[0]?.name ?? 'unknown',
    reason,
    onProgress: (progress) => {
      const moved = progress.ApproximateNumberOfMessagesMoved ?? 0;
      if (moved === shown) return;
      shown = moved;
      console.log(
        `  moving back to ${queue.queueArn}: ${moved} of ${progress.ApproximateNumberOfMessagesToMove ?? '?'} (${progress.Status})`,
      );
    },
  });
  console.log(
    `  ${task.Status}: ${task.ApproximateNumberOfMessagesMoved ?? 0} moved back; recorded as redrive ${record.id} by ${record.by}`,
  );
  if (task.Status !== 'COMPLETED') {
    console.error(`  the move ended ${task.Status}: ${task.FailureReason ?? 'no reason given'}`);
    process.exitCode = 1;
  }
}
