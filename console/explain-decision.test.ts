import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../control-plane/deploy/judge-health.ts';
import { explainDecision } from './explain-decision.ts';

describe('explainDecision', () => {
  it('puts the figures of each health source and the thresholds in words', () => {
    const explained = explainDecision(
      {
        at: '2026-12-07T04:13:27.000Z',
        module: 'alerts',
        target: 'local',
        kind: 'decision',
        name: 'rollback',
        detail: 'gateway: error rate 100.0% (7/7) against 0.0% on the old version',
        figures: {
          gateway: {
            candidate: { invocations: 7, errors: 7, throttles: 0, p90Ms: 12.345 },
            stable: { invocations: 30, errors: 0, throttles: 0, p90Ms: 8, p99Ms: 9 },
            stepInvocations: 7,
          },
        },
      },
      { ...DEFAULT_THRESHOLDS },
    );
    expect(explained.figures).toEqual([
      'gateway: new version 7 requests, error rate 100% (7 of 7), p90 12.3 ms (7 in this step); old version 30 requests, error rate 0% (0 of 30), p90 8 ms, p99 9 ms',
    ]);
    expect(explained.thresholds).toMatch(
      /^rolls back when the new version's error rate passes the old one's by more than 2 points \(with at least 2 errors\)/,
    );
    expect(explained.thresholds).toMatch(/1\.5× the old one's and the old one's \+ 250 ms/);
  });

  it('names no thresholds for a decision taken on no figures', () => {
    const explained = explainDecision(
      { at: 'x', kind: 'decision', name: 'deployment-aborted', detail: 'aborted by ana' },
      { ...DEFAULT_THRESHOLDS },
    );
    expect(explained.figures).toEqual([]);
    expect(explained.thresholds).toBeUndefined();
  });
});
