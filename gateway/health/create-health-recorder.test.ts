import { describe, expect, it } from 'vitest';
import { createHealthRecorder } from './create-health-recorder.ts';
import { LATENCY_BUCKET_BOUNDS_MS, latencyBucketIndex } from './latency-buckets.ts';

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now };
  const health = createHealthRecorder({ clock, retentionSeconds: 60 });
  const base = { module: 'titles', functionName: 'turnout-titles' };
  return { health, base, advance: (ms: number) => (now += ms), now: () => now };
}

describe('createHealthRecorder', () => {
  it('counts invokes, errors, timeouts and throttles per version per second', () => {
    const { health, base, advance } = setup();
    health.record({ ...base, version: '1', latencyMs: 3, outcome: 'ok' });
    health.record({ ...base, version: '1', latencyMs: 9, outcome: 'error' });
    health.record({ ...base, version: '2', latencyMs: 1, outcome: 'ok' });
    health.record({ ...base, version: undefined, latencyMs: 0.1, outcome: 'throttle' });
    advance(1000);
    health.record({ ...base, version: '1', latencyMs: 300, outcome: 'timeout' });
    const samples = health.query({ functionName: 'turnout-titles' });
    expect(samples.map((s) => [s.version, s.invokes, s.errors, s.timeouts, s.throttles])).toEqual([
      ['1', 2, 1, 0, 0],
      ['2', 1, 0, 0, 0],
      ['unknown', 1, 0, 0, 1],
      ['1', 1, 1, 1, 0],
    ]);
    expect(samples[0]?.latencySumMs).toBe(12);
  });

  it('counts an answer that broke the contract as an error and a bad response, keeping why', () => {
    const { health, base } = setup();
    health.record({ ...base, version: '8', latencyMs: 3, outcome: 'ok' });
    const violation = '_titles: 0 entries for 3 keys';
    health.record({ ...base, version: '8', latencyMs: 3, outcome: 'bad-response', violation });
    expect(health.query()[0]).toMatchObject({
      invokes: 2,
      errors: 1,
      badResponses: 1,
      badResponse: violation,
    });
  });

  it('returns only samples since the given time', () => {
    const { health, base, advance, now } = setup();
    health.record({ ...base, version: '1', latencyMs: 3, outcome: 'ok' });
    advance(5000);
    const since = now();
    health.record({ ...base, version: '1', latencyMs: 3, outcome: 'ok' });
    expect(health.query({ since })).toHaveLength(1);
  });

  it('forgets samples older than the retention window', () => {
    const { health, base, advance } = setup();
    health.record({ ...base, version: '1', latencyMs: 3, outcome: 'ok' });
    advance(120_000);
    health.record({ ...base, version: '1', latencyMs: 3, outcome: 'ok' });
    expect(health.query()).toHaveLength(1);
  });
});

describe('latencyBucketIndex', () => {
  it('puts a latency in the first bucket whose bound holds it', () => {
    expect(latencyBucketIndex(0.2)).toBe(0);
    expect(latencyBucketIndex(1)).toBe(1);
    expect(latencyBucketIndex(3)).toBe(3);
    expect(LATENCY_BUCKET_BOUNDS_MS[3]).toBe(4);
    expect(latencyBucketIndex(10 ** 9)).toBe(LATENCY_BUCKET_BOUNDS_MS.length);
  });
});
