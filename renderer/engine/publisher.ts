import { publishKind, type PublishKind } from '../../common/protocol';
import { InvalidStateError } from './errors';
import { LocalMedia, release } from './local-media';
import { createLogger } from './log';
import type { MediaSession } from './media-session';
import { ScreenShareControls } from './screen-share';
import { tracksFor } from './stream-kinds';

const log = createLogger('local');

/** What the publisher needs from the engine. */
export interface PublisherHost {
  /** The current media session, if in a room. */
  session(): MediaSession | null;
  /** Tells the room what we publish; rejects only when the server refuses. */
  announce(kind: PublishKind, published: boolean): Promise<void>;
  isClosed(): boolean;
  published(kind: PublishKind, stream: MediaStream): void;
  unpublished(kind: PublishKind): void;
}

/**
 * Publishes and unpublishes local media, one operation at a time (a screen share ending while the picker is
 * still open must not interleave), undoing its own side effects when the session or the server refuses.
 */
export class Publisher {
  private queue: Promise<unknown> = Promise.resolve();
  /** The running screen share's profile and pause. */
  readonly screen: ScreenShareControls;

  constructor(
    readonly local: LocalMedia,
    private readonly host: PublisherHost,
  ) {
    this.screen = new ScreenShareControls({ stream: () => local.get('screen')?.stream, session: host.session });
  }

  /** Sends `kind` from `given`, or from the device; resolves with the stream sent. */
  publish(kind: PublishKind, given?: MediaStream): Promise<MediaStream> {
    return this.serial(() => this.publishNow(kind, given));
  }

  /** Stops sending `kind`; stops the device if the engine opened it. */
  unpublish(kind: PublishKind): Promise<void> {
    return this.serial(() => this.unpublishNow(kind));
  }

  /** Releases everything at once (leave, close); `report` emits `localunpublished` for each kind. */
  releaseAll(report: boolean): void {
    for (const kind of this.local.kinds()) {
      release(this.local.take(kind));
      if (report) this.host.unpublished(kind);
    }
  }

  private async publishNow(kind: PublishKind, given: MediaStream | undefined): Promise<MediaStream> {
    if (this.host.isClosed()) throw new InvalidStateError('publish() | the engine is closed');
    if (!publishKind.safeParse(kind).success) throw new TypeError(`publish() | unknown kind '${String(kind)}'`);
    const stream = given ?? (await this.local.open(kind));
    const owned = given === undefined;
    const refuse = (error: Error) => {
      if (owned) for (const t of stream.getTracks()) t.stop();
      return error;
    };
    if (tracksFor(kind, stream.getTracks()).length === 0) {
      throw refuse(
        new TypeError(`publish() | the stream has no ${kind === 'mic' ? 'audio' : 'video'} track for '${kind}'`),
      );
    }
    if (this.host.isClosed()) throw refuse(new InvalidStateError('publish() | closed while opening the device'));
    if (kind === 'screen') this.screen.prepare(stream);
    const onEnded = (s: MediaStream) => () => this.onEnded(kind, s);
    const { entry, previous } = this.local.set(kind, stream, owned, onEnded(stream));
    const session = this.host.session();
    try {
      if (session) {
        await session.publish(kind, entry.tracks);
        await this.host.announce(kind, true);
      }
    } catch (error) {
      // Undo: the previous stream (if any) goes back on the wire, the new one is released.
      if (previous) this.local.restore(kind, previous, onEnded(previous.stream));
      else this.local.take(kind);
      release(entry);
      if (session && session === this.host.session()) {
        await (previous ? session.publish(kind, previous.tracks) : session.unpublish(kind)).catch(() => undefined);
      }
      throw error;
    }
    if (previous && previous.stream !== stream) release(previous);
    this.host.published(kind, stream);
    return stream;
  }

  private async unpublishNow(kind: PublishKind): Promise<void> {
    if (this.host.isClosed()) return;
    const entry = this.local.take(kind);
    if (!entry) return;
    await this.host
      .session()
      ?.unpublish(kind)
      .catch((error: unknown) => log.warn('unpublish() | session: %o', error));
    release(entry);
    await this.host.announce(kind, false).catch((error: unknown) => log.warn('unpublish() | setPublished: %o', error));
    this.host.unpublished(kind);
  }

  private onEnded(kind: PublishKind, stream: MediaStream): void {
    // Only if that stream is still the one published (not already replaced or unpublished).
    if (this.local.get(kind)?.stream !== stream) return;
    this.unpublish(kind).catch((error: unknown) => log.warn('track ended: unpublish failed: %o', error));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
