import type { PublishKind } from '../../common/protocol';
import { Emitter } from './emitter';
import type { InboundIdentity } from './stats';
import { publishKindOf } from './stream-kinds';
import type { RemoteTrack } from './types';

/** The parts of an RTCTrackEvent the table reads. */
export interface TrackEventLike {
  track: MediaStreamTrack;
  streams: readonly MediaStream[];
  transceiver: RTCRtpTransceiver;
}

interface Live {
  remote: RemoteTrack;
  transceiver: RTCRtpTransceiver;
}

/**
 * The remote tracks of one peer connection: labels each new track with its publish kind (from the stream map
 * the peer sent with its description) and notices when the peer stopped sending one.
 */
export class RemoteTracks extends Emitter<{ track: [remote: RemoteTrack]; trackended: [remote: RemoteTrack] }> {
  private readonly streamKinds = new Map<string, PublishKind>();
  private readonly live = new Map<MediaStreamTrack, Live>();

  constructor(
    private readonly peerId: string,
    private readonly MediaStreamCtor: typeof MediaStream | undefined,
  ) {
    super();
  }

  /** Learns what the peer's streams carry; called before the description that uses them is applied. */
  learn(streams: Record<string, PublishKind>): void {
    for (const [id, kind] of Object.entries(streams)) this.streamKinds.set(id, kind);
  }

  /** Handles `ontrack`: a track started (or restarted) arriving. */
  add(event: TrackEventLike): void {
    const { track, transceiver } = event;
    const stream = event.streams[0] ?? (this.MediaStreamCtor ? new this.MediaStreamCtor([track]) : undefined);
    if (!stream) return;
    const kind = publishKindOf(this.streamKinds.get(stream.id), track.kind);
    const previous = this.live.get(track);
    if (previous && previous.remote.kind === kind && previous.remote.stream === stream) return;
    if (previous) this.end(track);
    const remote: RemoteTrack = { peerId: this.peerId, kind, track, stream };
    this.live.set(track, { remote, transceiver });
    this.emit('track', remote);
  }

  /**
   * Called after an answer was applied (local or remote), when every transceiver's `currentDirection` is
   * settled: a track whose transceiver no longer receives was unpublished by the peer. Browsers differ in
   * whether they fire `removetrack`/`mute` for this, but all of them settle `currentDirection`.
   */
  sync(): void {
    for (const [track, { transceiver }] of this.live) {
      const direction = transceiver.currentDirection;
      if (direction !== 'sendrecv' && direction !== 'recvonly') this.end(track);
    }
  }

  /** The publish kind of the live track an inbound-rtp entry belongs to. */
  kindOf(identity: InboundIdentity): PublishKind | undefined {
    for (const { remote, transceiver } of this.live.values()) {
      if (identity.trackIdentifier !== undefined && remote.track.id === identity.trackIdentifier) return remote.kind;
      if (identity.trackIdentifier === undefined && identity.mid !== undefined && transceiver.mid === identity.mid) {
        return remote.kind;
      }
    }
    return undefined;
  }

  /** Ends every live track (the connection is going away). */
  endAll(): void {
    for (const track of [...this.live.keys()]) this.end(track);
  }

  private end(track: MediaStreamTrack): void {
    const entry = this.live.get(track);
    if (!entry) return;
    this.live.delete(track);
    this.emit('trackended', entry.remote);
  }
}
