import type { IceCandidate, SessionDescription } from '../../common/protocol';
import { Emitter } from './emitter';
import { createLogger } from './log';
import { candidateInit } from './negotiation';
import { extractInboundStats, type RemoteStats } from './stats';
import type { RemoteTrack } from './types';

const log = createLogger('audio');

/** Remote candidates kept while they wait for their description; beyond this the oldest go. */
const MAX_PENDING_CANDIDATES = 64;

/** What the link sends to the far side: our answer, or one of our candidates (null = end of candidates). */
export type AnswerSignal = { description: SessionDescription } | { candidate: IceCandidate | null };

/** Options of an answer-only link. */
export interface AnswerOnlyLinkOptions {
  /** The far side (the appliance), which makes every offer. */
  peerId: string;
  iceServers: RTCIceServer[];
  RTCPeerConnection: typeof RTCPeerConnection;
  MediaStream: typeof MediaStream | undefined;
  /** The microphone track to put into an answer (null: answer without one; `setMicrophone` adds it later). */
  microphone: () => Promise<MediaStreamTrack | null>;
}

/** Events of an answer-only link. */
export interface AnswerOnlyLinkEvents {
  signal: [signal: AnswerSignal];
  track: [remote: RemoteTrack];
  trackended: [remote: RemoteTrack];
  connectionstatechange: [state: RTCPeerConnectionState];
}

/** The ICE username fragment a candidate belongs to (its own field, or the `ufrag` attribute of its line). */
export function candidateUfrag(candidate: IceCandidate): string | null {
  return candidate.usernameFragment ?? /\bufrag (\S+)/.exec(candidate.candidate)?.[1] ?? null;
}

/** The ICE username fragment of an SDP (the first one; a device offers a single m-line). */
export function sdpUfrag(sdp: string | undefined): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp ?? '')?.[1]?.trim() ?? null;
}

/**
 * What to do with a remote candidate now: 'add' it, let it 'wait' for the description it belongs to (none
 * applied yet, or an ICE restart whose offer hasn't been applied), or 'drop' it (an ICE generation that is over).
 */
export function candidateFate(
  candidate: IceCandidate,
  state: { hasRemoteDescription: boolean; remoteUfrag: string | null; pastUfrags: ReadonlySet<string> },
): 'add' | 'wait' | 'drop' {
  const ufrag = candidateUfrag(candidate);
  if (ufrag !== null && state.pastUfrags.has(ufrag)) return 'drop';
  if (!state.hasRemoteDescription) return 'wait';
  if (ufrag !== null && state.remoteUfrag !== null && ufrag !== state.remoteUfrag) return 'wait';
  return 'add';
}

/**
 * One RTCPeerConnection that only ever answers (device audio sessions: the appliance offers). It never creates
 * an offer, answers every offer (renegotiations and ICE restarts included) with the microphone on the offered
 * audio m-line, applies the far side's trickled candidates (holding those that come before their description)
 * and trickles its own after its answer. Signals are handled one at a time, in arrival order.
 */
export class AnswerOnlyLink extends Emitter<AnswerOnlyLinkEvents> {
  readonly peerId: string;
  private readonly pc: RTCPeerConnection;
  private readonly options: AnswerOnlyLinkOptions;
  private readonly remote = new Map<MediaStreamTrack, RemoteTrack>();
  private chain: Promise<void> = Promise.resolve();
  private pending: IceCandidate[] = [];
  private remoteUfrag: string | null = null;
  private readonly pastUfrags = new Set<string>();
  /** Our candidates wait here until the answer they belong to has gone out; null = send at once. */
  private held: (IceCandidate | null)[] | null = [];
  /** What `setMicrophone` said last; undefined until then (the first answer asks `options.microphone`). */
  private microphoneTrack: MediaStreamTrack | null | undefined = undefined;
  private answers = 0;
  private closed = false;

  constructor(options: AnswerOnlyLinkOptions) {
    super();
    this.options = options;
    this.peerId = options.peerId;
    this.pc = new options.RTCPeerConnection({ iceServers: options.iceServers });
    // Adding a track or transceiver here never leads to an offer: the far side offers, we answer.
    this.pc.onnegotiationneeded = () => log.debug('negotiationneeded ignored: answer-only [peer:%s]', this.peerId);
    this.pc.onicecandidate = ({ candidate }) => this.localCandidate(candidate ? candidateInit(candidate) : null);
    this.pc.ontrack = (event) => this.addRemote(event.track, event.streams[0]);
    this.pc.oniceconnectionstatechange = () => {
      // An ICE restart is an offer, and offers are the far side's to make.
      log.debug('ice %s [peer:%s]', this.pc.iceConnectionState, this.peerId);
    };
    this.pc.onconnectionstatechange = () => this.emit('connectionstatechange', this.pc.connectionState);
  }

  /** Number of offers answered so far. */
  get answered(): number {
    return this.answers;
  }

  /** Applies an offer (answering it) or a candidate; an answer is ignored, since this side never offers. */
  handleSignal(signal: { description?: SessionDescription; candidate?: IceCandidate | null }): Promise<void> {
    return this.enqueue(async () => {
      const { description, candidate } = signal;
      if (description) {
        if (description.type === 'offer') return this.answer(description);
        return void log.warn('handleSignal() | %s ignored: answer-only [peer:%s]', description.type, this.peerId);
      }
      if (candidate !== undefined) await this.remoteCandidate(candidate);
    });
  }

  /** Sends `track` as our audio from now on, without renegotiating (null: send silence). */
  setMicrophone(track: MediaStreamTrack | null): Promise<void> {
    return this.enqueue(async () => {
      this.microphoneTrack = track;
      if (this.answers > 0) await this.attachMicrophone(track);
    });
  }

  /** Receive figures of the far side's audio. */
  async getStats(): Promise<RemoteStats[]> {
    if (this.closed) return [];
    const report = await this.pc.getStats();
    return extractInboundStats(this.peerId, report.values(), () => 'mic').filter((s) => s.trackKind === 'audio');
  }

  /** Closes the connection and reports the far side's audio ended; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const pc = this.pc;
    pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = null;
    pc.oniceconnectionstatechange = pc.onconnectionstatechange = null;
    for (const remote of this.remote.values()) this.emit('trackended', remote);
    this.remote.clear();
    pc.close();
    log.debug('close() [peer:%s]', this.peerId);
  }

  private async answer(offer: SessionDescription): Promise<void> {
    const ufrag = sdpUfrag(offer.sdp);
    if (this.remoteUfrag !== null && ufrag !== this.remoteUfrag) this.pastUfrags.add(this.remoteUfrag);
    this.held ??= [];
    log.debug(
      'answer() | offer %d%s [peer:%s]',
      this.answers + 1,
      this.answers > 0 ? ' (renegotiation)' : '',
      this.peerId,
    );
    await this.pc.setRemoteDescription(offer as RTCSessionDescriptionInit);
    if (this.closed) return;
    this.remoteUfrag = ufrag;
    const waiting = this.pending;
    this.pending = [];
    for (const candidate of waiting) await this.remoteCandidate(candidate);
    // The microphone goes into this answer: on the offered audio m-line, send and receive.
    if (this.microphoneTrack === undefined) this.microphoneTrack = await this.options.microphone();
    if (this.closed) return;
    await this.attachMicrophone(this.microphoneTrack);
    const answer = await this.pc.createAnswer();
    await this.pc.setLocalDescription(answer);
    if (this.closed) return;
    this.answers++;
    const local = this.pc.localDescription ?? answer;
    this.emit('signal', { description: { type: 'answer', sdp: local.sdp } });
    const held = this.held ?? [];
    this.held = null;
    for (const candidate of held) this.emit('signal', { candidate });
  }

  private async attachMicrophone(track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.pc
      .getTransceivers()
      .find((t) => t.receiver.track?.kind === 'audio' && t.direction !== 'stopped' && t.mid !== null);
    if (!transceiver) return void log.warn('attachMicrophone() | the offer has no audio m-line [peer:%s]', this.peerId);
    // sendrecv whether or not there is a track yet: a later microphone then needs no offer from us.
    if (transceiver.direction !== 'sendrecv') transceiver.direction = 'sendrecv';
    if (transceiver.sender.track !== track) await transceiver.sender.replaceTrack(track);
  }

  private async remoteCandidate(candidate: IceCandidate | null): Promise<void> {
    if (candidate === null) {
      // End of candidates: only meaningful once there is a description to end.
      if (this.pc.remoteDescription) await this.pc.addIceCandidate().catch(() => undefined);
      return;
    }
    const fate = candidateFate(candidate, {
      hasRemoteDescription: this.pc.remoteDescription !== null,
      remoteUfrag: this.remoteUfrag,
      pastUfrags: this.pastUfrags,
    });
    if (fate === 'drop') return void log.debug('candidate of a past ICE generation dropped [peer:%s]', this.peerId);
    if (fate === 'wait') {
      this.pending.push(candidate);
      if (this.pending.length > MAX_PENDING_CANDIDATES) this.pending.shift();
      return;
    }
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      log.warn('addIceCandidate() | failed [peer:%s]: %o', this.peerId, error);
    }
  }

  private localCandidate(candidate: IceCandidate | null): void {
    if (this.closed) return;
    if (this.held) this.held.push(candidate);
    else this.emit('signal', { candidate });
  }

  private addRemote(track: MediaStreamTrack, stream: MediaStream | undefined): void {
    if (this.closed || this.remote.has(track) || track.kind !== 'audio') return;
    const Stream = this.options.MediaStream;
    const carrier = stream ?? (Stream ? new Stream([track]) : undefined);
    if (!carrier) return;
    const remote: RemoteTrack = { peerId: this.peerId, kind: 'mic', track, stream: carrier };
    this.remote.set(track, remote);
    this.emit('track', remote);
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.closed ? undefined : step()));
    this.chain = run.catch(() => undefined);
    return run;
  }
}
