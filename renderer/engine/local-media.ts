import type { PublishKind } from '../../common/protocol';
import { createLogger } from './log';
import { primaryTrack, tracksFor } from './stream-kinds';

const log = createLogger('local');

/** How the engine opens devices: passed in, so device choice (settings) and the desktop picker apply. */
export interface EngineMedia {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia(options: { audio: boolean }): Promise<MediaStream>;
}

/** Options for opening devices. */
export interface LocalMediaOptions {
  constraints?: { cam?: MediaTrackConstraints; mic?: MediaTrackConstraints };
  /** Ask for the shared screen's or tab's audio too. */
  screenAudio?: boolean;
}

/** One published kind: the stream it came from and the tracks sent from it. */
export interface LocalEntry {
  stream: MediaStream;
  tracks: MediaStreamTrack[];
  /** Opened by the engine (so the engine stops it), as opposed to a stream the caller passed in. */
  owned: boolean;
  detach: () => void;
}

/** The engine's own published media: opens devices, remembers who owns each track, notices ended ones. */
export class LocalMedia {
  private readonly entries = new Map<PublishKind, LocalEntry>();

  constructor(
    private readonly media: EngineMedia,
    private readonly options: LocalMediaOptions = {},
  ) {}

  /** Opens the device behind `kind`: camera, microphone, or the screen picker. */
  open(kind: PublishKind): Promise<MediaStream> {
    const { constraints = {}, screenAudio = false } = this.options;
    if (kind === 'screen') return this.media.getDisplayMedia({ audio: screenAudio });
    if (kind === 'cam') return this.media.getUserMedia({ video: constraints.cam ?? true, audio: false });
    return this.media.getUserMedia({ audio: constraints.mic ?? true, video: false });
  }

  /**
   * Makes `stream` the source of `kind` and returns the entry it replaced (not stopped: the caller stops it
   * once the replacement is on the wire, or puts it back if that failed). `onEnded` fires when the kind's
   * main track ends (for a screen: the user pressed the browser's "stop sharing").
   */
  set(
    kind: PublishKind,
    stream: MediaStream,
    owned: boolean,
    onEnded: () => void,
  ): { entry: LocalEntry; previous?: LocalEntry } {
    const tracks = tracksFor(kind, stream.getTracks());
    const main = primaryTrack(kind, tracks);
    const listener = () => {
      log.debug('%s track ended', kind);
      onEnded();
    };
    main?.addEventListener('ended', listener);
    const entry: LocalEntry = { stream, tracks, owned, detach: () => main?.removeEventListener('ended', listener) };
    const previous = this.entries.get(kind);
    previous?.detach();
    this.entries.set(kind, entry);
    return { entry, previous };
  }

  /** Puts back an entry `set` replaced (a failed publish). */
  restore(kind: PublishKind, entry: LocalEntry | undefined, onEnded: () => void): void {
    const current = this.entries.get(kind);
    current?.detach();
    this.entries.delete(kind);
    if (entry) this.set(kind, entry.stream, entry.owned, onEnded);
  }

  /** The entry of `kind`, if published. */
  get(kind: PublishKind): LocalEntry | undefined {
    return this.entries.get(kind);
  }

  /** Forgets `kind` without stopping it (the caller releases it once it is off the wire). */
  take(kind: PublishKind): LocalEntry | undefined {
    const entry = this.entries.get(kind);
    this.entries.delete(kind);
    entry?.detach();
    return entry;
  }

  /** Every published kind and its tracks, for a new media session. */
  tracks(): Map<PublishKind, readonly MediaStreamTrack[]> {
    return new Map([...this.entries].map(([kind, e]) => [kind, e.tracks]));
  }

  /** Every published kind's stream. */
  streams(): Partial<Record<PublishKind, MediaStream>> {
    return Object.fromEntries([...this.entries].map(([kind, e]) => [kind, e.stream]));
  }

  /** The published kinds. */
  kinds(): PublishKind[] {
    return [...this.entries.keys()];
  }
}

/** Detaches an entry's listener and, if the engine opened its tracks, stops them (camera light off). */
export function release(entry: LocalEntry | undefined): void {
  if (!entry) return;
  entry.detach();
  if (entry.owned) for (const track of entry.stream.getTracks()) track.stop();
}
