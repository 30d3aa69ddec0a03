// Fakes shared by the audio-session tests: a recording RTCPeerConnection that behaves like a browser's for an
// audio-only offer (one transceiver per offered audio m-line), and SDP/candidate builders.
import type { IceCandidate, SessionDescription } from '../../../../common/protocol';
import { FakeStream, FakeTrack } from './fake-media';

/** An offer with one audio m-line and ICE credentials `ufrag`. */
export function offer(ufrag = 'u1', direction = 'sendrecv'): SessionDescription {
  return {
    type: 'offer',
    sdp: `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:${ufrag}\r\na=mid:0\r\na=${direction}\r\n`,
  };
}

/** A host candidate of ICE generation `ufrag` (in the line, as libwebrtc writes it, or as its own field). */
export function candidate(port: number, ufrag = 'u1', inLine = true): IceCandidate {
  const line = `candidate:1 1 udp 2122260223 127.0.0.1 ${port} typ host generation 0`;
  return inLine
    ? { candidate: `${line} ufrag ${ufrag}`, sdpMid: '0', sdpMLineIndex: 0 }
    : { candidate: line, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: ufrag };
}

class FakeSender {
  track: FakeTrack | null = null;
  constructor(private readonly log: string[]) {}
  async replaceTrack(track: FakeTrack | null): Promise<void> {
    this.log.push(`replaceTrack:${track?.id ?? 'null'}`);
    this.track = track;
  }
}

class FakeTransceiver {
  direction: RTCRtpTransceiverDirection = 'recvonly';
  readonly sender: FakeSender;
  readonly receiver = { track: new FakeTrack('audio') };
  constructor(
    readonly mid: string,
    log: string[],
  ) {
    this.sender = new FakeSender(log);
  }
}

type Handler<E> = ((event: E) => void) | null;

/** A recording RTCPeerConnection: every operation lands in `calls`, in order. */
export class FakePeerConnection {
  static made: FakePeerConnection[] = [];
  readonly calls: string[] = [];
  readonly transceivers: FakeTransceiver[] = [];
  remoteDescription: SessionDescription | null = null;
  localDescription: SessionDescription | null = null;
  signalingState: RTCSignalingState = 'stable';
  iceConnectionState: RTCIceConnectionState = 'new';
  connectionState: RTCPeerConnectionState = 'new';
  /** Candidates gathered during the next setLocalDescription (fired before it resolves). */
  gatherOnAnswer: string[] = [];
  /** Figures getStats() reports for the inbound audio. */
  inbound = { packetsReceived: 0, audioLevel: 0 };
  onnegotiationneeded: Handler<Event> = null;
  onicecandidate: Handler<{ candidate: unknown }> = null;
  ontrack: Handler<{ track: FakeTrack; streams: FakeStream[] }> = null;
  oniceconnectionstatechange: Handler<Event> = null;
  onconnectionstatechange: Handler<Event> = null;

  constructor(readonly config: RTCConfiguration) {
    FakePeerConnection.made.push(this);
  }

  async setRemoteDescription(description: SessionDescription): Promise<void> {
    const ufrag = /a=ice-ufrag:(\S+)/.exec(description.sdp ?? '')?.[1];
    this.calls.push(`setRemoteDescription:${description.type}:${ufrag}`);
    this.remoteDescription = description;
    this.signalingState = 'have-remote-offer';
    if (this.transceivers.length === 0) {
      const t = new FakeTransceiver('0', this.calls);
      this.transceivers.push(t);
      this.ontrack?.({ track: t.receiver.track, streams: [new FakeStream([t.receiver.track])] });
    }
  }

  async createOffer(): Promise<SessionDescription> {
    this.calls.push('createOffer');
    return { type: 'offer', sdp: 'v=0\r\n' };
  }

  async createAnswer(): Promise<SessionDescription> {
    const t = this.transceivers[0];
    this.calls.push(`createAnswer:${t?.direction}:${t?.sender.track?.id ?? 'none'}`);
    return { type: 'answer', sdp: `v=0\r\na=${t?.direction}\r\n` };
  }

  async setLocalDescription(description: SessionDescription): Promise<void> {
    this.calls.push(`setLocalDescription:${description.type}`);
    this.localDescription = description;
    this.signalingState = 'stable';
    for (const line of this.gatherOnAnswer.splice(0)) this.gather(line);
  }

  async addIceCandidate(c?: IceCandidate): Promise<void> {
    this.calls.push(`addIceCandidate:${c ? (/\d+ typ/.exec(c.candidate)?.[0] ?? c.candidate) : 'end'}`);
  }

  getTransceivers(): FakeTransceiver[] {
    return this.transceivers;
  }

  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    return new Map([
      ['IT01', { type: 'inbound-rtp', kind: 'audio', mid: '0', ...this.inbound }],
      ['OT01', { type: 'outbound-rtp', kind: 'audio', packetsSent: 9 }],
    ]);
  }

  close(): void {
    this.calls.push('close');
  }

  /** Fires `onicecandidate` with a local candidate (`null`: gathering done). */
  gather(line: string | null): void {
    const c = line === null ? null : { candidate: line, sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'mine' };
    this.onicecandidate?.({ candidate: c && { ...c, toJSON: () => c } });
  }

  /** The browser deciding it wants a negotiation (which an answer-only side must not act on). */
  needNegotiation(): void {
    this.onnegotiationneeded?.(new Event('negotiationneeded'));
  }
}

/** Lets queued promise work (the link's operation chain) run. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
