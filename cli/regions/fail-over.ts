import { randomBytes } from 'node:crypto';
import { currentUser } from '../../control-plane/deploy/current-user.ts';
import { type FailoverRecord, putFailoverRecord } from '../../control-plane/regions/index.ts';
import type { FrontDoorStatus } from '../../local-cloud/front-door/index.ts';
import type { OpenRegions } from './open-regions.ts';
import { type RequestsStopWatch, watchRequestsStop } from './watch-requests-stop.ts';

export interface FailOverOptions {
  /** All traffic to this Region: every other Region's routing control Off. */
  to?: string;
  /** Every Region's routing control On again: latency routing. */
  restore?: boolean;
  reason: string;
  dryRun?: boolean;
  /** Asked once the plan is known; false cancels. */
  confirm?: (plan: string) => Promise<boolean>;
  by?: string;
  /**
   * How long to watch the traffic after the switch.
   * @default 30_000 with a front door (locally); 300_000 from CloudWatch (AWS), whose figures come a minute or two late
   */
  watchMs?: number;
  /** Aborting (Ctrl-C) stops the watch only: the switch is made and recorded first. */
  signal?: AbortSignal;
}

export interface FailOverResult {
  plan: string;
  changed: boolean;
  record?: FailoverRecord;
  /** What the traffic did after the switch, when a front door could tell. */
  traffic?: TrafficAfterSwitch;
}

export interface TrafficAfterSwitch {
  /** Who measured: the local front door, or the gateways' CloudWatch metrics (AWS). */
  measuredBy?: 'front door' | 'CloudWatch';
  /** After the switch, when the front door acted on the new routing controls (ms). */
  controlsSeenAfterMs?: number;
  /** For a failover: the last request a Region turned off received, after the switch (ms; 0 when none came after). */
  stoppedAfterMs?: number;
  /** For a restore: each Region turned back on, and when the front door let clients in again (ms). */
  resumedAfterMs?: Record<string, number>;
  /** From CloudWatch: the Regions turned off that still had requests when the watch ended. */
  stillReceiving?: RequestsStopWatch['stillReceiving'];
  /** From CloudWatch: the Regions turned off it had not yet published enough to tell about. */
  notYetKnown?: string[];
  /** From CloudWatch: a period's width, how precise `stoppedAfterMs` is (an upper bound). */
  resolutionMs?: number;
  watchedMs?: number;
  /** The watch was stopped (Ctrl-C) before it could tell. */
  interrupted?: boolean;
  /** Why nothing was measured, when the metrics could not be read (the switch stands). */
  notMeasured?: string;
}

/**
 * `turnout failover`: sets the routing controls (the same UpdateRoutingControlStates call
 * locally as in AWS, tried on the cluster's endpoints in turn), records who, what, when
 * and why, then watches the traffic until the Regions turned off receive no more.
 */
export async function failOver(
  open: OpenRegions,
  options: FailOverOptions,
): Promise<FailOverResult> {
  const wanted = await plannedStates(open, options);
  const before = Object.fromEntries((await open.controls.list()).map((c) => [c.region, c.on]));
  const plan = describePlan(before, wanted);
  if (options.dryRun) return { plan, changed: false };
  if (options.confirm && !(await options.confirm(plan))) return { plan, changed: false };
  const switchedAt = Date.now();
  await open.controls.setRegions(wanted);
  const record: FailoverRecord = {
    id: randomBytes(4).toString('hex'),
    action: options.restore ? 'restore' : 'to',
    ...(options.to ? { to: options.to } : {}),
    before,
    after: { ...before, ...wanted },
    by: options.by ?? currentUser(),
    reason: options.reason,
    at: new Date(switchedAt).toISOString(),
  };
  // Written in the Region traffic goes to: the one believed healthy (the table is global).
  const documents =
    open.regions.find((r) => r.region === options.to)?.clients.documents ?? open.recordsDocuments;
  // Recorded as soon as it is done: the figures come after, and may never come.
  await putFailoverRecord(documents, open.failoversTable, record);
  const turnedOff = Object.keys(wanted).filter((r) => before[r] && !wanted[r]);
  const turnedOn = Object.keys(wanted).filter((r) => !before[r] && wanted[r]);
  const traffic =
    (await watchTraffic(
      open,
      switchedAt,
      turnedOff,
      turnedOn,
      options.watchMs ?? 30_000,
      options.signal,
    )) ?? (await watchCloudWatch(open, switchedAt, turnedOff, options));
  if (traffic?.stoppedAfterMs !== undefined) {
    record.trafficStoppedAfterMs = traffic.stoppedAfterMs;
    await putFailoverRecord(documents, open.failoversTable, record);
  }
  return { plan, changed: true, record, ...(traffic ? { traffic } : {}) };
}

async function plannedStates(open: OpenRegions, options: FailOverOptions) {
  const names = open.regions.map((r) => r.region);
  if (!options.reason?.trim())
    throw new Error('Say why with --reason "<text>": it goes into the failover record.');
  if (Boolean(options.to) === Boolean(options.restore))
    throw new Error(
      'Give either --to <region> (all traffic to one Region) or --restore (every Region on).',
    );
  if (options.to && !names.includes(options.to))
    throw new Error(
      `--to ${options.to}: not a Region of this environment; choose one of ${names.join(', ')}.`,
    );
  return Object.fromEntries(names.map((r) => [r, options.restore ? true : r === options.to]));
}

function describePlan(before: Record<string, boolean>, after: Record<string, boolean>): string {
  const state = (on: boolean | undefined) => (on === undefined ? '?' : on ? 'On' : 'Off');
  return Object.keys(after)
    .map(
      (r) =>
        `  ${r}: routing control ${state(before[r])} -> ${state(after[r])}${before[r] === after[r] ? ' (unchanged)' : ''}`,
    )
    .join('\n');
}

/**
 * Polls the front door until the Regions turned off have had no request for a quiet
 * while (and it has acted on the new controls), or the watch ends. Without a front door
 * (AWS), nothing is measured here: Route 53's figures are CloudWatch's.
 */
async function watchTraffic(
  open: OpenRegions,
  switchedAt: number,
  turnedOff: string[],
  turnedOn: string[],
  watchMs: number,
  signal: AbortSignal | undefined,
): Promise<TrafficAfterSwitch | undefined> {
  const quietMs = 1_500;
  const deadline = Date.now() + watchMs;
  let status: FrontDoorStatus | undefined;
  while (Date.now() < deadline) {
    if (status && signal?.aborted) break;
    status = await open.frontDoorStatus();
    if (!status) return undefined;
    const regions = status.regions;
    const seen = [...turnedOff, ...turnedOn].every(
      (r) => (regions.find((x) => x.region === r)?.controlChangedAt ?? 0) >= switchedAt,
    );
    const lastOff = Math.max(
      0,
      ...turnedOff.map((r) => regions.find((x) => x.region === r)?.lastForwardedAt ?? 0),
    );
    const resumed = turnedOn.every(
      (r) => (regions.find((x) => x.region === r)?.lastForwardedAt ?? 0) > switchedAt,
    );
    if (seen && Date.now() - lastOff >= quietMs && (turnedOn.length === 0 || resumed)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!status) return undefined;
  const of = (r: string) => status?.regions.find((x) => x.region === r);
  const changed = [...turnedOff, ...turnedOn]
    .map((r) => of(r)?.controlChangedAt ?? 0)
    .filter((t) => t >= switchedAt);
  const lastOff = Math.max(0, ...turnedOff.map((r) => of(r)?.lastForwardedAt ?? 0));
  return {
    measuredBy: 'front door',
    ...(signal?.aborted ? { interrupted: true } : {}),
    ...(changed.length ? { controlsSeenAfterMs: Math.max(...changed) - switchedAt } : {}),
    ...(turnedOff.length ? { stoppedAfterMs: Math.max(0, lastOff - switchedAt) } : {}),
    ...(turnedOn.length
      ? {
          resumedAfterMs: Object.fromEntries(
            turnedOn.flatMap((r) => {
              const first = status?.events.find(
                (e) => e.region === r && e.kind === 'control-on' && e.at >= switchedAt,
              );
              return first ? [[r, first.at - switchedAt]] : [];
            }),
          ),
        }
      : {}),
  };
}

/**
 * Without a front door (AWS): the turned-off Regions' gateway request counts in
 * CloudWatch, until they reach zero or the watch ends. A restore turns nothing off, so
 * there is nothing to wait for here.
 */
async function watchCloudWatch(
  open: OpenRegions,
  switchedAt: number,
  turnedOff: string[],
  options: FailOverOptions,
): Promise<TrafficAfterSwitch | undefined> {
  const watched = open.regions.flatMap((r) =>
    turnedOff.includes(r.region) && r.gateway
      ? [{ region: r.region, getMetricData: r.cloudwatch.getMetricData, source: r.gateway.metrics }]
      : [],
  );
  if (watched.length === 0 || watched.length < turnedOff.length) return undefined;
  try {
    const watch = await watchRequestsStop(watched, {
      switchedAt,
      watchMs: options.watchMs ?? 300_000,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { measuredBy: 'CloudWatch', ...watch };
  } catch (error) {
    // The switch is made and recorded: a figure that cannot be read must not fail it.
    return {
      measuredBy: 'CloudWatch',
      notMeasured: `CloudWatch did not answer (${(error as Error).message}); see the gateways' metrics there.`,
    };
  }
}
