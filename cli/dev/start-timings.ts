/** One phase of `turnout dev`'s start: when it began and ended, from the start. */
export interface StartPhase {
  name: string;
  startMs: number;
  endMs: number;
  /** What the figure means, e.g. `8 of 10 from the cache`. */
  note?: string;
}

export interface StartTimings {
  /** Times `work` as the phase `name` (phases may overlap: builds run while the cloud starts). */
  phase<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Adds a note to a phase already timed. */
  note(name: string, note: string): void;
  phases(): StartPhase[];
  /** `local cloud 3.1 s, module builds 0.4 s (10 of 10 from the cache), ...` */
  summary(): string;
}

/**
 * Records where `turnout dev`'s start goes, so a slow start says which part was slow
 * (the issue measured 12.6 s on a quiet machine without knowing where it went).
 *
 * @example
 * const timings = createStartTimings();
 * const cloud = await timings.phase('local cloud', () => startLocalCloud());
 * log(timings.summary());
 */
export function createStartTimings(now: () => number = () => performance.now()): StartTimings {
  const origin = now();
  const recorded: StartPhase[] = [];
  return {
    async phase(name, work) {
      const startMs = now() - origin;
      try {
        return await work();
      } finally {
        recorded.push({ name, startMs, endMs: now() - origin });
      }
    },
    note(name, note) {
      const phase = recorded.find((p) => p.name === name);
      if (phase) phase.note = note;
    },
    phases: () => [...recorded].sort((a, b) => a.startMs - b.startMs),
    summary() {
      return this.phases()
        .map((p) => {
          const seconds = ((p.endMs - p.startMs) / 1000).toFixed(1);
          return `${p.name} ${seconds} s${p.note ? ` (${p.note})` : ''}`;
        })
        .join(', ');
    },
  };
}
