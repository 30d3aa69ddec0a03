import type { IceCandidate, PublishKind, SessionDescription } from '../../common/protocol';
import { Emitter } from './emitter';
import { restartWithKeyFrame } from './key-frame';
import { LocalSenders, type WireStreams } from './local-senders';
import { createLogger } from './log';
import { candidateInit, sdpFingerprint, shouldIgnoreOffer } from './negotiation';
import { RemoteTracks } from './remote-tracks';
import { linkStartBitrate } from './start-bitrate';
import { linkInboundStats, linkStatsSource } from './peer-link-stats';
import type { RemoteStats } from './stats';
import type { StatsSource } from './track-stats';
import type { RemoteTrack } from './types';

const log = createLogger('engine:p2p');

/** An offer unanswered this long is sent again: signaling can lose a message when a socket dies mid-flight. */
export const OFFER_RETRY_MS = 3000;

/** A link waiting for the other side's first offer stops waiting after this long and offers itself. */
export const AWAIT_OFFER_MS = 2000;

/** A signal between two peers: a description (with the sender's stream map) or a trickled candidate (null = end). */
export interface PeerSignal {
  description?: SessionDescription;
  candidate?: IceCandidate | null;
  streams?: Record<string, PublishKind>;
}

/** Options of a peer link. */
export interface PeerLinkOptions {
  peerId: string;
  polite: boolean;
  iceServers: RTCIceServer[];
  RTCPeerConnection: typeof RTCPeerConnection;
  MediaStream: typeof MediaStream | undefined;
  wire: WireStreams;
  /**
   * Let the other side make the first offer (it initiates: it is the newcomer), and put our tracks into our
   * answer to it. Two offers crossing on a brand-new connection make the polite side roll back, and after
   * that rollback Chromium was seen to never gather ICE candidates for the connection again.
   */
  awaitOffer?: boolean;
  /** How long an offer may go unanswered before it is sent again (default OFFER_RETRY_MS). */
  offerRetryMs?: number;
}

/** Events of a peer link. */
export interface PeerLinkEvents {
  signal: [signal: PeerSignal];
  track: [remote: RemoteTrack];
  trackended: [remote: RemoteTrack];
  connectionstatechange: [state: RTCPeerConnectionState];
}

/**
 * One RTCPeerConnection to one remote peer, negotiated with the "perfect negotiation" pattern: either side
 * offers whenever it needs to, and on glare the polite side rolls back (implicitly, in setRemoteDescription)
 * while the impolite side ignores the colliding offer.
 */
export class PeerLink extends Emitter<PeerLinkEvents> {
  readonly peerId: string;
  readonly polite: boolean;
  private readonly pc: RTCPeerConnection;
  private readonly senders: LocalSenders;
  private readonly remote: RemoteTracks;
  private readonly wire: WireStreams;
  private readonly offerRetryMs: number;
  private readonly startBitrate = linkStartBitrate(() => this.senders.sharesScreen());
  private awaitTimer: ReturnType<typeof setTimeout> | null = null;
  private makingOffer = false;
  /** negotiationneeded came while we couldn't offer; offer when back in 'stable'. */
  private offerPending = false;
  private ignoreOffer = false;
  private settingRemoteAnswerPending = false;
  private fingerprint: string | null = null;
  private offerTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(options: PeerLinkOptions) {
    super();
    this.peerId = options.peerId;
    this.polite = options.polite;
    this.offerRetryMs = options.offerRetryMs ?? OFFER_RETRY_MS;
    this.wire = options.wire;
    this.pc = new options.RTCPeerConnection({ iceServers: options.iceServers });
    const awaitOffer = options.awaitOffer ?? false;
    this.senders = new LocalSenders(this.pc, options.wire, awaitOffer);
    if (awaitOffer) this.awaitTimer = setTimeout(() => this.stopAwaiting(), AWAIT_OFFER_MS);
    this.remote = new RemoteTracks(this.peerId, options.MediaStream);
    this.remote.on('track', (r) => this.emit('track', r));
    this.remote.on('trackended', (r) => this.emit('trackended', r));
    this.pc.onnegotiationneeded = () => {
      log.debug(
        'negotiationneeded in %s%s [peer:%s]',
        this.pc.signalingState,
        this.makingOffer ? ' (making an offer)' : '',
        this.peerId,
      );
      void this.offer();
    };
    this.pc.onicecandidate = ({ candidate }) => {
      log.debug('candidate out %s [peer:%s]', candidate ? candidate.candidate.slice(0, 40) : 'end', this.peerId);
      this.emit('signal', { candidate: candidate ? candidateInit(candidate) : null });
    };
    this.pc.onicegatheringstatechange = () =>
      log.debug('gathering %s [peer:%s]', this.pc.iceGatheringState, this.peerId);
    this.pc.ontrack = (event) => this.remote.add(event);
    // A connection that stays down is repaired by the session's reconnect ladder (restartIce() first).
    this.pc.oniceconnectionstatechange = () => log.debug('ice %s [peer:%s]', this.pc.iceConnectionState, this.peerId);
    this.pc.onconnectionstatechange = () => this.emit('connectionstatechange', this.pc.connectionState);
    this.pc.onsignalingstatechange = () => {
      if (this.pc.signalingState !== 'stable' || !this.offerPending) return;
      log.debug('offering what was asked for while not stable [peer:%s]', this.peerId);
      void this.offer();
    };
  }

  /** DTLS fingerprint of the remote description last applied; a different one means a new remote connection. */
  get remoteFingerprint(): string | null {
    return this.fingerprint;
  }

  /** The RTCPeerConnection's connection state. */
  get connectionState(): RTCPeerConnectionState {
    return this.pc.connectionState;
  }

  /** Restarts ICE: new credentials in a new offer (negotiationneeded), so a dead path is replaced. */
  restartIce(): void {
    if (this.closed) return;
    log.debug('restartIce() [peer:%s]', this.peerId);
    this.pc.restartIce();
  }

  /** Sends `tracks` as `kind` to this peer (empty: stop sending it). */
  setTracks(kind: PublishKind, tracks: readonly MediaStreamTrack[]): void {
    if (!this.closed) this.senders.set(kind, tracks);
  }

  /** Restarts every video encoder sending to this peer with a keyframe (the connection is back after an outage). */
  restartVideoWithKeyFrames(): void {
    if (this.closed) return;
    for (const kind of ['cam', 'screen'] as const) {
      for (const sender of this.senders.videoSendersOf(kind)) {
        restartWithKeyFrame(sender).catch((error: unknown) =>
          log.debug('restartVideoWithKeyFrames() | %o [peer:%s]', error, this.peerId),
        );
      }
    }
  }

  /** The senders currently sending `kind` to this peer. */
  videoSendersOf(kind: PublishKind): RTCRtpSender[] {
    return this.closed ? [] : this.senders.videoSendersOf(kind);
  }

  /**
   * Makes the first offer on this connection even with nothing to send (a viewer): it carries a receive-only
   * m-line for each media kind this side doesn't send, so the other side can answer with its camera and mic
   * on them, and media flows after a single offer/answer.
   */
  initiate(): void {
    if (this.closed) return;
    for (const media of ['audio', 'video'] as const) {
      if (!this.senders.sends(media)) this.pc.addTransceiver(media, { direction: 'recvonly' });
    }
  }

  /** Applies a signal from the peer; rejects when a description can't be applied. */
  async handleSignal(signal: PeerSignal): Promise<void> {
    if (this.closed) return;
    const { description, candidate } = signal;
    if (description) {
      if (description.type === 'answer' && this.pc.signalingState === 'stable') {
        // A second answer to an offer we sent again (the first answer was late, not lost): nothing to do.
        return void log.debug('handleSignal() | stale answer ignored [peer:%s]', this.peerId);
      }
      this.ignoreOffer = shouldIgnoreOffer({
        type: description.type,
        polite: this.polite,
        makingOffer: this.makingOffer,
        signalingState: this.pc.signalingState,
        settingRemoteAnswerPending: this.settingRemoteAnswerPending,
      });
      log.debug('handleSignal() | %s in %s [peer:%s]', description.type, this.pc.signalingState, this.peerId);
      if (this.ignoreOffer) return void log.debug('handleSignal() | glare: ignoring the offer [peer:%s]', this.peerId);
      // Before applying: ontrack fires inside setRemoteDescription and needs the map to label tracks.
      if (signal.streams) this.remote.learn(signal.streams);
      this.settingRemoteAnswerPending = description.type === 'answer';
      try {
        // Our video then starts at a rate a shared slide is legible at (common/media.ts), not at 300 kbit/s.
        await this.pc.setRemoteDescription({ type: description.type, sdp: this.startBitrate(description.sdp ?? '') });
      } finally {
        this.settingRemoteAnswerPending = false;
      }
      if (this.closed) return;
      this.fingerprint = sdpFingerprint(description.sdp) ?? this.fingerprint;
      if (description.type === 'offer') {
        // Our tracks join the answer on the m-lines the offer brought (what the rest needs, we offer next).
        this.stopAwaiting();
        await this.pc.setLocalDescription();
        if (this.closed) return;
        this.sendDescription();
      }
      this.remote.sync();
    } else if (candidate !== undefined) {
      try {
        await this.pc.addIceCandidate(candidate ?? undefined);
        log.debug('candidate in %s [peer:%s]', candidate ? candidate.candidate.slice(0, 40) : 'end', this.peerId);
      } catch (error) {
        // Candidates of an offer we ignored fail by design.
        if (!this.ignoreOffer) log.warn('handleSignal() | addIceCandidate failed [peer:%s]: %o', this.peerId, error);
        else log.debug('candidate in failed (offer ignored) [peer:%s]', this.peerId);
      }
    }
  }

  /**
   * Re-sends our offer if it is still unanswered: called after the signaling connection came back, when an
   * offer or its answer may have died with the old socket. The other side answers a repeat as any offer.
   */
  resume(): void {
    if (this.closed || this.pc.signalingState !== 'have-local-offer') return;
    if (this.makingOffer || this.settingRemoteAnswerPending) return;
    log.warn('resume() | offer still unanswered, sending it again [peer:%s]', this.peerId);
    this.sendDescription();
  }

  /** Receive figures of this peer's live tracks. */
  getStats(): Promise<RemoteStats[]> {
    return this.closed ? Promise.resolve([]) : linkInboundStats(this.peerId, this.pc, this.remote);
  }

  /** The connection's stats report for the stats sampler: inbound entries are this peer's tracks. */
  statsSource(): Promise<StatsSource | null> {
    return this.closed ? Promise.resolve(null) : linkStatsSource(this.peerId, this.pc, this.remote);
  }

  /** Closes the connection and reports every remote track ended; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.offerTimer) clearTimeout(this.offerTimer);
    if (this.awaitTimer) clearTimeout(this.awaitTimer);
    const pc = this.pc;
    pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = null;
    pc.oniceconnectionstatechange = pc.onconnectionstatechange = pc.onsignalingstatechange = null;
    pc.onicegatheringstatechange = null;
    this.remote.endAll();
    pc.close();
    log.debug('close() [peer:%s]', this.peerId);
  }

  private stopAwaiting(): void {
    if (this.awaitTimer === null || this.closed) return;
    clearTimeout(this.awaitTimer);
    this.awaitTimer = null;
    this.senders.release();
  }

  private async offer(): Promise<void> {
    if (this.closed) return;
    // Outside 'stable' (or with our offer in flight) an offer now would race the first one. Browsers differ in
    // whether negotiationneeded fires again on returning to stable, so remember it and offer then.
    if (this.makingOffer || this.pc.signalingState !== 'stable') {
      this.offerPending = true;
      return;
    }
    this.offerPending = false;
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      if (!this.closed) this.sendDescription();
    } catch (error) {
      log.error('offer() | failed [peer:%s]: %o', this.peerId, error);
    } finally {
      this.makingOffer = false;
    }
    // Something asked for negotiation while this offer was being made; it may not be in the offer.
    if (this.offerPending && this.pc.signalingState === 'stable') void this.offer();
  }

  private sendDescription(): void {
    const d = this.pc.localDescription;
    if (!d) return;
    // The whole map every time, so each description can be read on its own (a replaced link starts with none).
    const streams = { [this.wire.cam.id]: 'cam', [this.wire.screen.id]: 'screen' } as Record<string, PublishKind>;
    log.debug('sendDescription() | %s [peer:%s]', d.type, this.peerId);
    this.emit('signal', { description: { type: d.type, sdp: d.sdp }, streams });
    if (this.offerTimer) clearTimeout(this.offerTimer);
    this.offerTimer = d.type === 'offer' ? setTimeout(() => this.resume(), this.offerRetryMs) : null;
  }
}
