import { describe, expect, it } from 'vitest';
import { createLastWriterWins, type ObservedWrite } from './create-last-writer-wins.ts';
import { imageFingerprint } from './item-versions.ts';

const keys = { id: { S: 'a' } };
const key = imageFingerprint(keys);
const write = (region: string, value: string | undefined, timeMs: number): ObservedWrite => ({
  region,
  table: 't',
  key,
  keys,
  image: value === undefined ? undefined : { ...keys, v: { S: value } },
  version: { timeMs, region },
});

describe('createLastWriterWins', () => {
  const regions = ['east', 'west'];

  it("copies a Region's write to the others, and drops it when it comes back", () => {
    const lww = createLastWriterWins({ regions });
    const copies = lww.observe(write('east', 'x', 1));
    expect(copies).toEqual([
      { region: 'west', table: 't', keys, image: { ...keys, v: { S: 'x' } } },
    ]);
    // Our own write to west, seen in west's stream: an echo, sent nowhere.
    expect(lww.observe(write('west', 'x', 2))).toEqual([]);
  });

  it('keeps the later of two writes in every Region', () => {
    const lww = createLastWriterWins({ regions });
    lww.observe(write('west', 'late', 5));
    // East's earlier write, seen before our copy came back: our copy landed after it in
    // east, so east holds the later write already and nothing more is sent.
    expect(lww.observe(write('east', 'early', 3))).toEqual([]);
    expect(lww.observe(write('east', 'late', 6))).toEqual([]);
    // An earlier write seen once east holds the copy: it loses, and east gets the winner back.
    expect(lww.observe(write('east', 'stale', 4))).toEqual([
      { region: 'east', table: 't', keys, image: { ...keys, v: { S: 'late' } } },
    ]);
  });

  it('replicates a deletion', () => {
    const lww = createLastWriterWins({ regions });
    lww.observe(write('east', 'x', 1));
    lww.observe(write('west', 'x', 2));
    expect(lww.observe(write('east', undefined, 3))).toEqual([
      { region: 'west', table: 't', keys, image: undefined },
    ]);
  });

  it('stops waiting for an echo a write that changed nothing never sends', () => {
    let now = 0;
    const lww = createLastWriterWins({ regions, echoTimeoutMs: 100, clock: { now: () => now } });
    lww.observe(write('east', 'x', 1));
    now = 1_000;
    // West's own later write, not an echo: it wins and goes to east.
    expect(lww.observe(write('west', 'y', 1_000))).toEqual([
      { region: 'east', table: 't', keys, image: { ...keys, v: { S: 'y' } } },
    ]);
  });
});
