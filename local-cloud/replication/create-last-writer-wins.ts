import {
  type ItemImage,
  imageFingerprint,
  isLaterWrite,
  type WriteVersion,
} from './item-versions.ts';

/** A write seen in one Region's stream. */
export interface ObservedWrite {
  region: string;
  table: string;
  /** The item's key, canonical (imageFingerprint of the Keys). */
  key: string;
  keys: ItemImage;
  image: ItemImage;
  version: WriteVersion;
}

/** What the replicator must write into a Region so it holds the winning image. */
export interface ReplicaWrite {
  region: string;
  table: string;
  keys: ItemImage;
  image: ItemImage;
}

export interface LastWriterWinsOptions {
  regions: readonly string[];
  /** How long a write of ours may take to show in its stream before we stop expecting it. */
  echoTimeoutMs?: number;
  clock?: { now(): number };
}

interface ItemState {
  winner: { version: WriteVersion; image: ItemImage; fingerprint: string };
  /** Per Region, the fingerprint of what we believe its table holds now. */
  held: Map<string, string>;
  /** Per Region, our writes not yet seen in its stream, oldest first. */
  echoes: Map<string, { fingerprint: string; at: number }[]>;
}

/**
 * The bookkeeping of replication between Regions, as DynamoDB global tables decide it:
 * each write seen in a Region's stream either is our own replicated write coming back
 * (an echo: dropped, so nothing loops) or a Region's own write; the later write wins
 * (isLaterWrite), and every Region whose table does not hold the winner gets it.
 *
 * A Region's table holds the last write to it in its stream's order, so a local write
 * seen while one of our writes to that Region is still to come back was overwritten by
 * ours: we keep believing it holds what we wrote.
 */
export function createLastWriterWins(options: LastWriterWinsOptions) {
  const clock = options.clock ?? Date;
  const echoTimeoutMs = options.echoTimeoutMs ?? 10_000;
  const items = new Map<string, ItemState>();

  function pendingEchoes(state: ItemState, region: string) {
    const now = clock.now();
    // A write that changed nothing leaves no stream record: stop waiting for it.
    const live = (state.echoes.get(region) ?? []).filter((e) => now - e.at < echoTimeoutMs);
    state.echoes.set(region, live);
    return live;
  }

  /** Takes one stream record; returns the writes that bring every Region to the winner. */
  function observe(write: ObservedWrite): ReplicaWrite[] {
    const id = `${write.table}\0${write.key}`;
    const fingerprint = imageFingerprint(write.image);
    let state = items.get(id);
    if (!state) {
      state = {
        winner: { version: write.version, image: write.image, fingerprint },
        held: new Map(),
        echoes: new Map(),
      };
      items.set(id, state);
    }
    const echoes = pendingEchoes(state, write.region);
    const echo = echoes.findIndex((e) => e.fingerprint === fingerprint);
    if (echo >= 0) {
      echoes.splice(echo, 1);
      return [];
    }
    if (echoes.length === 0) state.held.set(write.region, fingerprint);
    if (isLaterWrite(write.version, state.winner.version) || state.winner.version === write.version)
      state.winner = { version: write.version, image: write.image, fingerprint };
    const writes: ReplicaWrite[] = [];
    for (const region of options.regions) {
      if (state.held.get(region) === state.winner.fingerprint) continue;
      state.held.set(region, state.winner.fingerprint);
      pendingEchoes(state, region).push({ fingerprint: state.winner.fingerprint, at: clock.now() });
      writes.push({ region, table: write.table, keys: write.keys, image: state.winner.image });
    }
    return writes;
  }

  return {
    observe,
    get trackedItems() {
      return items.size;
    },
  };
}
