import { inboundIdentity, num, type InboundIdentity } from './stats';

/** What the watch reads and whom it asks. */
export interface DecodeStallWatchOptions {
  /** The stats report of the connection the videos arrive on, or null when there is nothing to watch. */
  report(): Promise<Iterable<unknown> | null>;
  /** The consumer an inbound video entry belongs to, if it is one of ours. */
  consumerOf(identity: InboundIdentity): string | undefined;
  /** Asks the server for a keyframe of this consumer's video. */
  requestKeyFrame(consumerId: string): void;
  intervalMs?: number;
  /** Packets arriving this long without a decoded frame is a stall. */
  stallMs?: number;
  now?: () => number;
}

interface Progress {
  packets: number;
  frames: number;
  /** When a frame was last decoded (or the stream first seen), and when we last asked for a keyframe. */
  decodedAt: number;
  askedAt: number;
}

/**
 * Asks for a keyframe when a video keeps receiving packets but decodes nothing: a frame lost past repair (its
 * packet gone on the sender's side, so NACKs go unanswered) leaves every later frame undecodable, and Chromium
 * itself asks only after 3 s without a frame. Measured through 3 % loss at 80 ms each way (lossy-path.spec.ts),
 * such stalls lasted 2.5–3.5 s; asking after `stallMs` brings the picture back a round trip and a keyframe later.
 */
export class DecodeStallWatch {
  private readonly progress = new Map<string, Progress>();
  private readonly stallMs: number;
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private busy = false;

  constructor(private readonly options: DecodeStallWatchOptions) {
    this.stallMs = options.stallMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  /** Samples every `intervalMs` (default 250) until stopped. */
  start(): void {
    this.timer ??= setInterval(() => void this.sampleNow(), this.options.intervalMs ?? 250);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.progress.clear();
  }

  /** Takes one sample now (the timer calls this; tests may too). */
  async sampleNow(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const report = await this.options.report();
      const seen = new Set<string>();
      for (const entry of report ?? []) {
        const s = entry as Record<string, unknown>;
        if (s.type !== 'inbound-rtp' || (s.kind ?? s.mediaType) !== 'video') continue;
        const consumerId = this.options.consumerOf(inboundIdentity(s));
        if (!consumerId) continue;
        seen.add(consumerId);
        this.check(consumerId, num(s.packetsReceived), num(s.framesDecoded));
      }
      for (const id of this.progress.keys()) if (!seen.has(id)) this.progress.delete(id);
    } catch {
      // A report that failed (the transport closed meanwhile) is simply a sample missed.
    } finally {
      this.busy = false;
    }
  }

  private check(consumerId: string, packets: number, frames: number): void {
    const now = this.now();
    const last = this.progress.get(consumerId);
    if (!last || frames !== last.frames) {
      this.progress.set(consumerId, { packets, frames, decodedAt: now, askedAt: last?.askedAt ?? 0 });
      return;
    }
    const arriving = packets > last.packets;
    last.packets = packets;
    // Ask again no sooner than another stall's length: the keyframe needs a round trip to come.
    if (!arriving || now - last.decodedAt < this.stallMs || now - last.askedAt < this.stallMs * 2) return;
    last.askedAt = now;
    this.options.requestKeyFrame(consumerId);
  }
}
