import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import type { FailOverResult } from '../regions/fail-over.ts';
import { type RegionsOptions, withRegionsOptions } from './regions-options.ts';

/** `turnout failover`: for operators, all traffic to one Region, or back to latency routing. */
export function failoverCommand(): Command {
  return withRegionsOptions(
    new Command('failover')
      .description(
        "Send all traffic to one Region (--to: every other Region's routing control Off) or back to " +
          'latency routing (--restore: every control On). Recorded with who, when and why; prints how ' +
          'long until the Regions turned off stopped receiving traffic.',
      )
      .option('--to <region>', 'the Region to send all traffic to')
      .option('--restore', 'turn every Region back on')
      .option('--reason <text>', 'why, for the record (required)')
      .option('--yes', 'do not ask for confirmation')
      .option('--dry-run', 'show what would change, change nothing')
      .option('--json', 'print the result as JSON'),
  ).action(
    async (
      options: RegionsOptions & {
        to?: string;
        restore?: boolean;
        reason?: string;
        yes?: boolean;
        dryRun?: boolean;
        json?: boolean;
      },
    ) => {
      if (!options.reason?.trim())
        throw new Error('Say why with --reason "<text>": it goes into the failover record.');
      const { openRegions } = await import('../regions/open-regions.ts');
      const { failOver } = await import('../regions/fail-over.ts');
      const open = await openRegions(options.root, {
        pipelineFile: options.pipeline,
        stage: options.stage,
      });
      // Ctrl-C while the figures are watched stops the watch, not the switch: the
      // routing controls are set and the record written before the watch starts.
      const stopWatching = new AbortController();
      const onInterrupt = () => stopWatching.abort();
      process.on('SIGINT', onInterrupt);
      try {
        const result = await failOver(open, {
          to: options.to,
          restore: options.restore,
          reason: options.reason,
          dryRun: options.dryRun,
          confirm: options.yes ? undefined : askToConfirm,
          signal: stopWatching.signal,
        });
        console.log(
          options.json ? JSON.stringify(result, null, 2) : formatResult(result, options.dryRun),
        );
      } finally {
        process.off('SIGINT', onInterrupt);
        open.close();
      }
    },
  );
}

async function askToConfirm(plan: string): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new Error(
      `${plan}\nNot changed: confirm by running it again with --yes (no terminal to ask in).`,
    );
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    // Ctrl-C at the question is a no: nothing has changed yet.
    const interrupted = new AbortController();
    rl.on('SIGINT', () => interrupted.abort());
    const answer = await rl
      .question(`${plan}\nChange the routing controls? [y/N] `, { signal: interrupted.signal })
      .catch(() => 'no');
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function formatResult(result: FailOverResult, dryRun?: boolean): string {
  if (dryRun) return `${result.plan}\nDry run: nothing changed.`;
  if (!result.changed) return `${result.plan}\nCancelled: nothing changed.`;
  const lines = [
    result.plan,
    `Done, recorded as ${result.record?.id} (by ${result.record?.by}: ${result.record?.reason}).`,
  ];
  const t = result.traffic;
  if (!t)
    lines.push(
      'Traffic after the switch not measured: no front door answered, and no Region was turned off to watch in CloudWatch.',
    );
  if (t?.notMeasured) lines.push(t.notMeasured);
  if (t?.interrupted) lines.push('Stopped watching (Ctrl-C): the switch is made and recorded.');
  for (const s of t?.stillReceiving ?? [])
    lines.push(
      `${s.region} is still receiving traffic after ${Math.round((t?.watchedMs ?? 0) / 1000)} s: ${s.requests} requests in the period from ${s.periodStartedAt} (CloudWatch). Clients' DNS caches may hold the old answer; check again with \`turnout regions\`.`,
    );
  if (t?.controlsSeenAfterMs !== undefined)
    lines.push(
      `The front door acted on the routing controls ${t.controlsSeenAfterMs} ms after the switch.`,
    );
  if (t?.notYetKnown?.length)
    lines.push(
      `${t.notYetKnown.join(', ')}: CloudWatch had not yet published the periods after the switch within ${Math.round((t.watchedMs ?? 0) / 1000)} s; check with \`turnout regions\` in a few minutes.`,
    );
  if (t?.stoppedAfterMs !== undefined && t.measuredBy === 'CloudWatch')
    lines.push(
      t.stoppedAfterMs === 0
        ? `The Regions turned off had no request in CloudWatch from the switch's ${t.resolutionMs} ms period on.`
        : `The Regions turned off stopped receiving traffic within ${Math.round(t.stoppedAfterMs / 1000)} s of the switch (CloudWatch's ${(t.resolutionMs ?? 0) / 1000} s periods: an upper bound).`,
    );
  else if (t?.stoppedAfterMs !== undefined)
    lines.push(
      t.stoppedAfterMs === 0
        ? 'The Regions turned off received no request after the switch.'
        : `The Regions turned off received their last request ${t.stoppedAfterMs} ms after the switch.`,
    );
  for (const [region, ms] of Object.entries(t?.resumedAfterMs ?? {}))
    lines.push(
      `${region} takes clients again: latency routing restored ${ms} ms after the switch.`,
    );
  return lines.join('\n');
}
