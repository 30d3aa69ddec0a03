import type { PublishKind } from '../../common/protocol';
import { createLogger } from './log';
import { applyProfileToSender, profileOf } from './screen-profile';
import { wireGroupOf } from './stream-kinds';

const log = createLogger('engine:p2p');

/** The local MediaStreams whose ids go on the wire: the camera's (with the mic's audio) and the screen's. */
export interface WireStreams {
  cam: MediaStream;
  screen: MediaStream;
}

type Slot = `${PublishKind}:${'audio' | 'video'}`;

/**
 * What one peer connection sends, one transceiver per slot (camera video, mic audio, screen video, screen
 * audio). A slot keeps its transceiver for the connection's life: replacing a track uses replaceTrack (no
 * renegotiation); unpublish is removeTrack and a later publish re-enables the same transceiver, so the SDP
 * doesn't grow a new m-line for every toggle.
 */
export class LocalSenders {
  private readonly slots = new Map<Slot, RTCRtpTransceiver>();
  private readonly desired = new Map<Slot, MediaStreamTrack | null>();

  /**
   * While `held`, new transceivers are only created by `release()`: between applying the other
   * side's offer and answering it, addTrack then reuses the offered m-lines instead of asking for an offer.
   */
  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly wire: WireStreams,
    private held = false,
  ) {}

  /** Sends `tracks` (at most one audio and one video) as `kind`; an empty list stops sending it. */
  set(kind: PublishKind, tracks: readonly MediaStreamTrack[]): void {
    for (const media of ['audio', 'video'] as const) {
      const slot: Slot = `${kind}:${media}`;
      this.desired.set(slot, tracks.find((t) => t.kind === media) ?? null);
      if (!this.held || this.slots.has(slot)) this.apply(slot);
    }
  }

  /** Whether a track of media kind `media` is wanted on this connection. */
  sends(media: 'audio' | 'video'): boolean {
    return [...this.desired.values()].some((track) => track?.kind === media);
  }

  /** Whether a screen's video is wanted on this connection. */
  sharesScreen(): boolean {
    return Boolean(this.desired.get('screen:video'));
  }

  /** Puts every wanted track on the connection and stops holding. */
  release(): void {
    this.held = false;
    for (const slot of this.desired.keys()) this.apply(slot);
  }

  /** The video sender of `kind` while it is published (a paused one has no track but still counts). */
  videoSendersOf(kind: PublishKind): RTCRtpSender[] {
    const transceiver = this.slots.get(`${kind}:video`);
    const sending = transceiver?.direction === 'sendrecv' || transceiver?.direction === 'sendonly';
    return transceiver && sending && this.desired.get(`${kind}:video`) ? [transceiver.sender] : [];
  }

  /** A screen track carries its profile: every sender of it gets the profile's degradation and caps. */
  private async applyProfile(sender: RTCRtpSender, track: MediaStreamTrack): Promise<void> {
    const profile = profileOf(track);
    if (profile) await applyProfileToSender(sender, profile);
  }

  private apply(slot: Slot): void {
    const track = this.desired.get(slot) ?? null;
    const stream = this.wire[wireGroupOf(slot.split(':')[0] as PublishKind)];
    const transceiver = this.slots.get(slot);
    try {
      if (transceiver && transceiver.currentDirection !== 'stopped') {
        if (transceiver.sender.track === track) return;
        if (!track) return void this.pc.removeTrack(transceiver.sender);
        transceiver.sender
          .replaceTrack(track)
          .then(() => this.applyProfile(transceiver.sender, track))
          .catch((e: unknown) => log.warn('replaceTrack() failed [slot:%s]: %o', slot, e));
        if (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive') {
          // Re-enabling a slot after unpublish: this direction change is what renegotiates.
          transceiver.sender.setStreams?.(stream);
          transceiver.direction = transceiver.direction === 'recvonly' ? 'sendrecv' : 'sendonly';
        }
        return;
      }
      if (!track) return;
      const sender = this.pc.addTrack(track, stream);
      const created = this.pc.getTransceivers().find((t) => t.sender === sender);
      if (!created) return;
      // addTrack may reuse a transceiver an earlier slot let go of before it ever sent; it belongs to us now.
      for (const [other, t] of this.slots) if (t === created) this.slots.delete(other);
      this.slots.set(slot, created);
      void this.applyProfile(sender, track);
    } catch (error) {
      log.warn('apply() | could not update [slot:%s]: %o', slot, error);
    }
  }
}
