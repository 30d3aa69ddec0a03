import type { Member, PublishKind } from '../../common/protocol';
import { Emitter } from './emitter';
import { UnsupportedError } from './errors';
import type { WireStreams } from './local-senders';
import { createLogger } from './log';
import type { MediaSession, MediaSessionContext, MediaSessionEvents } from './media-session';
import { isPolite, sdpFingerprint } from './negotiation';
import { PeerLink, type PeerSignal } from './peer-link';
import { backAfterOutage, type ReconnectLadder } from './reconnect-ladder';
import { announcePaused } from './screen-share';
import { createSessionLadder } from './session-ladder';
import type { AnyNotification } from './signaling-types';
import type { RemoteStats } from './stats';
import type { StatsSource } from './track-stats';

const log = createLogger('engine:p2p');

/** Options of a P2P session beyond its context. */
export interface P2PSessionOptions {
  /** How long an offer may go unanswered before it is sent again. */
  offerRetryMs?: number;
}

/**
 * A P2P mesh: one PeerLink per remote peer. Whoever joins makes the first offer to everyone already there
 * (so a viewer with nothing to send still gets one out); members already there answer it with their own
 * tracks on the offered m-lines, and offer whatever didn't fit afterwards. So new links start without glare;
 * later changes may cross, and perfect negotiation settles that.
 */
export class P2PSession extends Emitter<MediaSessionEvents> implements MediaSession {
  private readonly links = new Map<string, PeerLink>();
  /** One reconnect ladder per remote peer: it outlives the links it replaces. */
  private readonly ladders = new Map<string, ReconnectLadder>();
  /** Peers whose connection is down past the ladder's grace. */
  private readonly down = new Set<string>();
  private readonly local = new Map<PublishKind, readonly MediaStreamTrack[]>();
  private readonly wire: WireStreams;
  private readonly PeerConnection: typeof globalThis.RTCPeerConnection;
  private closed = false;

  constructor(
    private readonly context: MediaSessionContext,
    private readonly options: P2PSessionOptions = {},
  ) {
    super();
    const { RTCPeerConnection: PeerConnection, MediaStream: Stream } = context;
    if (!PeerConnection) throw new UnsupportedError('P2PSession() | no RTCPeerConnection on this platform');
    if (!Stream) throw new UnsupportedError('P2PSession() | no MediaStream on this platform');
    this.PeerConnection = PeerConnection;
    // Empty streams: only their ids matter, they group our tracks on the far side.
    this.wire = { cam: new Stream(), screen: new Stream() };
  }

  /** Offers a connection to every member already in the room; resolves once those first offers are sent. */
  async start(members: readonly Member[], local: ReadonlyMap<PublishKind, readonly MediaStreamTrack[]>): Promise<void> {
    for (const [kind, tracks] of local) this.local.set(kind, tracks);
    const offered: Promise<void>[] = [];
    for (const member of members) {
      if (member.peerId === this.context.selfId || this.links.has(member.peerId)) continue;
      const link = this.open(member.peerId, true);
      offered.push(new Promise((resolve) => link.on('signal', (s) => s.description?.type === 'offer' && resolve())));
    }
    await Promise.all(offered);
  }

  peerJoined(member: Member): void {
    if (!this.closed && member.peerId !== this.context.selfId && !this.links.has(member.peerId)) {
      this.open(member.peerId, false);
    }
  }

  peerLeft(peerId: string): void {
    this.closeLink(peerId);
    this.ladders.get(peerId)?.close();
    this.ladders.delete(peerId);
    this.setDown(peerId, false);
  }

  handleNotification(notification: AnyNotification): void {
    if (notification.name === 'signal') this.receiveSignal(notification.data);
  }

  async publish(kind: PublishKind, tracks: readonly MediaStreamTrack[]): Promise<void> {
    this.local.set(kind, tracks);
    for (const link of this.links.values()) link.setTracks(kind, tracks);
  }

  async unpublish(kind: PublishKind): Promise<void> {
    this.local.delete(kind);
    for (const link of this.links.values()) link.setTracks(kind, []);
  }

  videoSendersOf(kind: PublishKind): RTCRtpSender[] {
    return [...this.links.values()].flatMap((link) => link.videoSendersOf(kind));
  }

  /**
   * Freezes or resumes `kind`'s video for every peer (replaceTrack: no renegotiation; their players keep the last
   * frame) and tells the room, so viewers can say "Paused" rather than think the picture hung.
   */
  async setPaused(kind: PublishKind, paused: boolean): Promise<void> {
    const track = this.local.get(kind)?.find((t) => t.kind === 'video') ?? null;
    await Promise.all(this.videoSendersOf(kind).map((s) => s.replaceTrack(paused ? null : track)));
    await announcePaused(this.context.signaling, kind, paused);
  }

  /** After a resumed reconnect: offers that may have been lost with the old socket go out again. */
  resumed(): void {
    for (const link of this.links.values()) link.resume();
    for (const ladder of this.ladders.values()) ladder.retry();
  }

  suspended(): void {
    for (const ladder of this.ladders.values()) ladder.suspend();
  }

  networkReturned(): void {
    for (const ladder of this.ladders.values()) ladder.nudge();
  }

  async getStats(): Promise<RemoteStats[]> {
    const all = await Promise.all([...this.links.values()].map((link) => link.getStats().catch(() => [])));
    return all.flat();
  }

  async statsSources(): Promise<StatsSource[]> {
    const all = await Promise.all([...this.links.values()].map((link) => link.statsSource().catch(() => null)));
    return all.filter((s) => s !== null);
  }

  close(): void {
    if (this.closed) return;
    for (const link of this.links.values()) link.close();
    for (const ladder of this.ladders.values()) ladder.close();
    this.links.clear();
    this.ladders.clear();
    this.closed = true;
    this.removeAllListeners();
  }

  private open(peerId: string, initiate: boolean): PeerLink {
    const link = new PeerLink({
      peerId,
      polite: isPolite(this.context.selfId, peerId),
      iceServers: this.context.iceServers,
      RTCPeerConnection: this.PeerConnection,
      MediaStream: this.context.MediaStream,
      wire: this.wire,
      awaitOffer: !initiate,
      offerRetryMs: this.options.offerRetryMs,
    });
    link.on('signal', (signal) => {
      this.context.signaling
        .request('signal', { to: peerId, ...signal })
        .catch((error: unknown) => log.warn('signal to %s failed: %o', peerId, error));
    });
    link.on('track', (remote) => this.emit('track', remote));
    link.on('trackended', (remote) => this.emit('trackended', remote));
    const isBack = backAfterOutage();
    link.on('connectionstatechange', (state) => {
      log.debug('connection %s [peer:%s]', state, peerId);
      // Back after an outage, the other side's decoder needs a keyframe of what we send (see key-frame.ts).
      if (isBack(state)) link.restartVideoWithKeyFrames();
      if (this.links.get(peerId) === link) this.ladderOf(peerId).update(state);
    });
    this.links.set(peerId, link);
    for (const [kind, tracks] of this.local) link.setTracks(kind, tracks);
    if (initiate) link.initiate();
    log.debug('open() [peer:%s, polite:%s, initiate:%s]', peerId, link.polite, initiate);
    return link;
  }

  private closeLink(peerId: string): void {
    this.links.get(peerId)?.close();
    this.links.delete(peerId);
  }

  /** The ladder of `peerId`: ICE restart on the link → a new link (we offer it) → the engine rejoins. */
  private ladderOf(peerId: string): ReconnectLadder {
    let ladder = this.ladders.get(peerId);
    if (ladder) return ladder;
    const repairs = {
      restartIce: () => this.links.get(peerId)?.restartIce(),
      recreate: () => {
        if (this.closed || !this.links.has(peerId)) return;
        this.closeLink(peerId);
        this.open(peerId, true);
      },
      rejoin: () => this.emit('rejoinneeded'),
    };
    ladder = createSessionLadder(`p2p ${peerId}`, repairs, (healthy) => this.setDown(peerId, !healthy));
    this.ladders.set(peerId, ladder);
    return ladder;
  }

  /** Keeps the set of peers whose media is down, and says when the session as a whole goes down or up. */
  private setDown(peerId: string, down: boolean): void {
    const before = this.down.size > 0;
    if (down) this.down.add(peerId);
    else this.down.delete(peerId);
    const now = this.down.size > 0;
    if (now !== before && !this.closed) this.emit('mediastate', !now);
  }

  private receiveSignal(data: PeerSignal & { from: string }): void {
    if (this.closed || data.from === this.context.selfId) return;
    const { from, ...signal } = data;
    const isOffer = signal.description?.type === 'offer';
    let link = this.links.get(from);
    if (link && isOffer && link.remoteFingerprint !== null) {
      const fingerprint = sdpFingerprint(signal.description?.sdp);
      if (fingerprint !== null && fingerprint !== link.remoteFingerprint) {
        // The peer has a new connection (it reconnected): start over rather than mix two DTLS sessions.
        log.debug('receiveSignal() | new remote connection, replacing the link [peer:%s]', from);
        this.closeLink(from);
        link = undefined;
      }
    }
    if (!link) {
      if (!isOffer) return void log.debug('receiveSignal() | dropped a signal from an unknown peer [peer:%s]', from);
      link = this.open(from, false);
    }
    link.handleSignal(signal).catch((error: unknown) => {
      log.error('receiveSignal() | could not apply a description [peer:%s]: %o', from, error);
      if (!this.closed) this.emit('error', error instanceof Error ? error : new Error(String(error)));
    });
  }
}
