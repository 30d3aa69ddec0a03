import type { PublishKind } from '../../common/protocol';
import { Emitter } from './emitter';
import { createLogger } from './log';
import type { MediaSession } from './media-session';
import type { EngineEvents } from './types';
import { readTrackStats, type StatsSource, type TrackCounters } from './track-stats';

const log = createLogger('stats-sampler');

/** One RTP stream's figures in one sample: the current values plus rates over the last interval. */
export interface TrackSample extends TrackCounters {
  /** Stable across samples: direction, peer, kind, media kind and rid. */
  key: string;
  /** Over the last interval (0 for the first sample of a stream). */
  bitrateKbps: number;
  /** Packets lost over the last interval, percent of those expected. */
  lossPct: number;
}

/** Every stream's figures at one moment. */
export interface StatsSnapshot {
  /** Epoch milliseconds. */
  at: number;
  tracks: TrackSample[];
}

/** Events of the sampler. */
export interface StatsSamplerEvents {
  sample: [snapshot: StatsSnapshot];
}

/** What the sampler reads from. */
export interface StatsSamplerOptions {
  /** The stats reports of the room's connections (none outside a room). */
  sources(): Promise<StatsSource[]>;
  /** The publish kind of a local track we send, by track id. */
  localKindOf(trackId: string): PublishKind | undefined;
  intervalMs?: number;
  historyMs?: number;
  now?: () => number;
}

/**
 * Samples the figures of every sent and received stream once a second while started, computing bitrate and
 * loss from the counters' change, and keeps the last minute of snapshots for the stats panel's graphs.
 */
export class StatsSampler extends Emitter<StatsSamplerEvents> {
  #timer: ReturnType<typeof setInterval> | undefined;
  #history: StatsSnapshot[] = [];
  #previous = new Map<string, TrackCounters>();
  #busy = false;
  readonly #intervalMs: number;
  readonly #historyMs: number;
  readonly #now: () => number;

  constructor(private readonly options: StatsSamplerOptions) {
    super();
    this.#intervalMs = options.intervalMs ?? 1000;
    this.#historyMs = options.historyMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** True while sampling. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** The snapshots of the last minute, oldest first. */
  get history(): readonly StatsSnapshot[] {
    return this.#history;
  }

  /** The newest snapshot, if any. */
  get latest(): StatsSnapshot | undefined {
    return this.#history.at(-1);
  }

  /** Starts sampling (history starts empty); nothing to do if running. */
  start(): void {
    if (this.#timer) return;
    this.#history = [];
    this.#previous.clear();
    this.#timer = setInterval(() => void this.sampleNow(), this.#intervalMs);
  }

  /** Stops sampling and forgets the history; safe to call twice. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#history = [];
    this.#previous.clear();
  }

  /** Takes one sample now (the timer calls this; tests may too). */
  async sampleNow(): Promise<StatsSnapshot | undefined> {
    if (this.#busy) return undefined;
    this.#busy = true;
    try {
      const sources = await this.options.sources();
      const counters = sources.flatMap((s) => readTrackStats(s, (id) => this.options.localKindOf(id)));
      return this.#record(counters);
    } catch (error) {
      log.warn('sampleNow() | %o', error);
      return undefined;
    } finally {
      this.#busy = false;
    }
  }

  #record(counters: TrackCounters[]): StatsSnapshot | undefined {
    if (!this.running) return undefined;
    const at = this.#now();
    const dt = (at - (this.latest?.at ?? at)) / 1000;
    const next = new Map<string, TrackCounters>();
    const tracks = counters.map((c) => {
      const key = `${c.direction}:${c.peerId ?? ''}:${c.kind}:${c.trackKind}:${c.rid ?? ''}`;
      const before = this.#previous.get(key);
      next.set(key, c);
      const bytes = before && c.bytes >= before.bytes ? c.bytes - before.bytes : 0;
      const lost = before ? Math.max(0, c.packetsLost - before.packetsLost) : 0;
      const packets = before ? Math.max(0, c.packets - before.packets) : 0;
      // Inbound: expected = received + lost; outbound: the receiver's loss against what we sent.
      const expected = c.direction === 'in' ? packets + lost : packets;
      return {
        ...c,
        key,
        bitrateKbps: before && dt > 0 ? Math.round((bytes * 8) / dt / 1000) : 0,
        lossPct: expected > 0 ? Math.min(100, Math.round((lost / expected) * 1000) / 10) : 0,
      };
    });
    this.#previous = next;
    const snapshot = { at, tracks };
    this.#history.push(snapshot);
    while (this.#history.length > 0 && at - this.#history[0]!.at > this.#historyMs) this.#history.shift();
    this.emit('sample', snapshot);
    return snapshot;
  }
}

/** What the room's sampler reads at each sample: the media session, and what we send as each kind. */
export interface RoomStatsParts {
  session: MediaSession | null;
  local: { get(kind: PublishKind): { tracks: readonly MediaStreamTrack[] } | undefined };
}

/** The engine's sampler: runs while a room is joined (P2P and SFU alike), stops and forgets when it is left. */
export function createRoomStats(events: Pick<Emitter<EngineEvents>, 'on'>, parts: () => RoomStatsParts): StatsSampler {
  const kinds: readonly PublishKind[] = ['cam', 'mic', 'screen'];
  const sampler = new StatsSampler({
    sources: async () => (await parts().session?.statsSources?.()) ?? [],
    localKindOf: (trackId) =>
      kinds.find((kind) =>
        parts()
          .local.get(kind)
          ?.tracks.some((t) => t.id === trackId),
      ),
  });
  events.on('roomstate', (state) => (state === 'joined' ? sampler.start() : state === 'none' && sampler.stop()));
  events.on('roomleft', () => sampler.stop());
  return sampler;
}
