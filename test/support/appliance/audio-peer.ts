import wrtc from '@roamhq/wrtc';
import { WrtcPeerConnection } from '../wrtc-peer-connection';
import type { IceCandidate, SessionDescription } from '../../../common/protocol';
import { readPeerStats } from './peer-stats';
import type { ApplianceEventMap, ApplianceEventName } from './protocol';
import { AudioMeter, FRAME_SAMPLES, SAMPLE_RATE, ToneGenerator } from './tone';

export type Emit = <E extends ApplianceEventName>(event: E, data: ApplianceEventMap[E]) => void;
export type PeerSignal = { description: SessionDescription } | { candidate: IceCandidate };

export interface AudioPeerOptions {
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
  toneHz: number;
  statsIntervalMs: number;
  sendSignal: (signal: PeerSignal) => Promise<void>;
  emit: Emit;
}

interface SinkData {
  samples: Int16Array;
  sampleRate: number;
  channelCount?: number;
}

/**
 * One @roamhq/wrtc peer connection carrying a single audio track: sends a tone, meters what arrives, trickles
 * candidates (held back until the description they belong to has been sent), and reports stats as events.
 */
export class AudioPeer {
  private readonly pc: RTCPeerConnection;
  private readonly source = new wrtc.nonstandard.RTCAudioSource();
  private readonly track = this.source.createTrack();
  private readonly tone: ToneGenerator;
  private readonly meter = new AudioMeter();
  private readonly timers: NodeJS.Timeout[] = [];
  private sink: { stop(): void } | undefined;
  private chain = Promise.resolve();
  private heldCandidates: IceCandidate[] | undefined = [];
  private remoteCandidates: IceCandidate[] = [];
  private negotiations = 0;
  private negotiationStart = 0;
  private firstNegotiationStart = 0;
  private connected = false;
  private heardAudio = false;
  private pairId = '';
  private remoteUfrag: string | undefined;
  private closed = false;

  constructor(private readonly options: AudioPeerOptions) {
    const { emit } = options;
    this.tone = new ToneGenerator(options.toneHz);
    this.pc = new WrtcPeerConnection({
      iceServers: options.iceServers,
      iceTransportPolicy: options.iceTransportPolicy,
    });
    this.pc.addTrack(this.track, new wrtc.MediaStream([this.track]));
    this.pc.onicecandidate = ({ candidate }) => {
      if (!candidate) return;
      const json: IceCandidate = {
        candidate: candidate.candidate,
        sdpMid: candidate.sdpMid,
        sdpMLineIndex: candidate.sdpMLineIndex,
      };
      if (this.heldCandidates) this.heldCandidates.push(json);
      else this.send({ candidate: json });
    };
    this.pc.addEventListener('icecandidateerror', (e) => {
      const { errorCode, errorText, url } = e as RTCPeerConnectionIceErrorEvent;
      emit('iceCandidateError', { errorCode, errorText, url });
    });
    this.pc.oniceconnectionstatechange = this.pc.onconnectionstatechange = () => this.onStateChange();
    this.pc.ontrack = ({ track }) => {
      if (track.kind !== 'audio' || this.sink) return;
      const sink = new wrtc.nonstandard.RTCAudioSink(track);
      sink.ondata = ({ samples, sampleRate, channelCount = 1 }: SinkData) =>
        this.onAudio(samples, sampleRate, channelCount);
      this.sink = sink;
    };
    this.startTone();
    this.timers.push(setInterval(() => void this.report(), options.statsIntervalMs));
  }

  /** Creates and sends an offer (with an ICE restart when asked); the answer arrives through `handle()`. */
  offer(iceRestart = false): Promise<void> {
    return this.enqueue(async () => {
      this.beginNegotiation();
      const offer = await this.pc.createOffer({ iceRestart });
      await this.pc.setLocalDescription(offer);
      await this.sendDescription();
    });
  }

  /** Applies a description or candidate from the far side, answering offers. */
  handle(signal: { description?: SessionDescription; candidate?: IceCandidate | null }): Promise<void> {
    return this.enqueue(async () => {
      const { description, candidate } = signal;
      if (candidate) {
        if (this.pc.remoteDescription) await this.pc.addIceCandidate(candidate);
        else this.remoteCandidates.push(candidate);
        return;
      }
      if (!description) return;
      if (description.type === 'offer') this.beginNegotiation();
      await this.pc.setRemoteDescription(description as RTCSessionDescriptionInit);
      for (const c of this.remoteCandidates.splice(0)) await this.pc.addIceCandidate(c);
      if (description.type === 'offer') {
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        await this.sendDescription();
      }
      const ufrag = /a=ice-ufrag:(\S+)/.exec(description.sdp ?? '')?.[1];
      const iceRestart = this.remoteUfrag !== undefined && ufrag !== this.remoteUfrag;
      this.remoteUfrag = ufrag;
      if (this.negotiations > 1) {
        this.options.emit('renegotiated', { count: this.negotiations, iceRestart, ms: this.sinceNegotiation() });
      }
    });
  }

  /** Stops the tone and the sink and closes the connection; safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.sink?.stop();
    this.track.stop();
    this.pc.close();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const run = this.chain.then(() => (this.closed ? undefined : step()));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private beginNegotiation(): void {
    this.negotiations++;
    this.negotiationStart = performance.now();
    if (this.negotiations === 1) this.firstNegotiationStart = this.negotiationStart;
    this.heldCandidates ??= [];
  }

  private sinceNegotiation(first = false): number {
    return Math.round(performance.now() - (first ? this.firstNegotiationStart : this.negotiationStart));
  }

  private async sendDescription(): Promise<void> {
    const { type, sdp } = this.pc.localDescription!;
    await this.options.sendSignal({ description: { type, sdp } });
    const held = this.heldCandidates ?? [];
    this.heldCandidates = undefined;
    for (const candidate of held) this.send({ candidate });
  }

  private send(signal: PeerSignal): void {
    this.options.sendSignal(signal).catch((error: Error) => {
      this.options.emit('error', { during: 'signal', message: error.message, code: (error as { code?: string }).code });
    });
  }

  private startTone(): void {
    const start = performance.now();
    let sent = 0;
    this.timers.push(
      setInterval(() => {
        const due = Math.floor((performance.now() - start) / 10);
        if (due - sent > 5) sent = due - 5; // After a stall, skip ahead rather than burst.
        for (; sent < due; sent++) {
          this.source.onData({ samples: this.tone.next(), sampleRate: SAMPLE_RATE, numberOfFrames: FRAME_SAMPLES });
        }
      }, 10),
    );
  }

  private onAudio(samples: Int16Array, sampleRate: number, channelCount: number): void {
    const nonZero = this.meter.add(samples, sampleRate, channelCount);
    if (nonZero > 0 && !this.heardAudio) {
      this.heardAudio = true;
      this.options.emit('firstAudio', { ms: this.sinceNegotiation(true) });
    }
  }

  private onStateChange(): void {
    const { iceConnectionState, connectionState } = this.pc;
    this.options.emit('state', { iceConnectionState, connectionState });
    if (!this.connected && (connectionState === 'connected' || iceConnectionState === 'connected')) {
      this.connected = true;
      this.options.emit('connected', { iceConnectionState, connectionState, ms: this.sinceNegotiation(true) });
    }
  }

  private async report(): Promise<void> {
    // getStats() rejects once the connection is closed; that report is simply skipped.
    const stats = await readPeerStats(this.pc).catch(() => undefined);
    if (!stats || this.closed) return;
    const { selectedPair, packetsReceived, packetsSent } = stats;
    const { frames, nonZeroSamples } = this.meter;
    this.options.emit('audio', { frames, nonZeroSamples, ...this.meter.takePeriod(), packetsReceived, packetsSent });
    if (!selectedPair || selectedPair.id === this.pairId) return;
    this.pairId = selectedPair.id;
    this.options.emit('selectedPair', { local: selectedPair.local, remote: selectedPair.remote });
  }
}
