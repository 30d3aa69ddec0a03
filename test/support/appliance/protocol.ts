/**
 * The JSON-lines contract between the Appliance wrapper and its child process: one command per line on the
 * child's stdin, one event per line on its stdout (diagnostics go to stderr).
 */
import type { IceServer, SessionEndReason } from '../../../common/protocol';

/** How the child is configured; passed as its single command-line argument (JSON). */
export interface ApplianceOptions {
  /** The room server's signaling endpoint, e.g. ws://127.0.0.1:<port>. */
  wsUrl: string;
  /** 'offerer' creates the session and sends the offer (the device); 'answerer' joins it and only answers. */
  role?: 'offerer' | 'answerer';
  iceServers?: IceServer[];
  /** 'relay' forces TURN. */
  iceTransportPolicy?: 'all' | 'relay';
  /** Heartbeat period; 0 sends none. Default: a third of the idle limit the server announced. */
  heartbeatMs?: number;
  /** The tone this side sends. Default 440 Hz for the offerer, 660 Hz for the answerer. */
  toneHz?: number;
  /** Period of the `audio` report. Default 250 ms. */
  statsIntervalMs?: number;
  displayName?: string;
}

/** Commands the child accepts. */
export type ApplianceCommand =
  | { cmd: 'create' }
  | { cmd: 'join'; sessionId: string; token: string }
  | { cmd: 'end' }
  | { cmd: 'stopHeartbeats' }
  | { cmd: 'startHeartbeats' }
  /** Offerer only: a new offer with an ICE restart, to prove the far side answers renegotiations. */
  | { cmd: 'renegotiate' }
  | { cmd: 'quit' };

export interface CandidateInfo {
  candidateType: string;
  protocol: string;
  address: string;
  port: number;
  /** For a relay candidate: how this side reaches the TURN server (udp, tcp). */
  relayProtocol?: string;
}

/** Event name → payload. Times (`ms`) count from this side's start of negotiation (offer created or received). */
export interface ApplianceEventMap {
  /** Connected to the server and said hello. */
  ready: { peerId: string };
  created: { sessionId: string; token: string; idleTimeoutMs: number };
  joined: { sessionId: string; peerId: string; idleTimeoutMs: number };
  /** Offerer: the far side joined the session. */
  peerJoined: { peerId: string; displayName: string };
  /** Every ICE or peer-connection state change. */
  state: { iceConnectionState: string; connectionState: string };
  /** The peer connection first reached 'connected'. */
  connected: { iceConnectionState: string; connectionState: string; ms: number };
  /** The first received frame with a non-zero sample. */
  firstAudio: { ms: number };
  /** Periodic: what arrived from the far side. `rms` (0..1) and `frequencyHz` cover the last period. */
  audio: {
    frames: number;
    nonZeroSamples: number;
    rms: number;
    frequencyHz: number;
    packetsReceived: number;
    packetsSent: number;
  };
  /** The selected candidate pair, reported whenever it changes. */
  selectedPair: { local: CandidateInfo; remote: CandidateInfo };
  iceCandidateError: { errorCode: number; errorText: string; url: string };
  /** Offerer: a later answer was applied. Answerer: a later offer was answered. */
  renegotiated: { count: number; iceRestart: boolean; ms: number };
  heartbeatFailed: { code: string; message: string };
  ended: { sessionId: string; reason: SessionEndReason };
  /** The signaling connection closed. */
  disconnected: Record<string, never>;
  /** A command or a protocol step failed. */
  error: { during: string; code?: string; message: string };
}

export type ApplianceEventName = keyof ApplianceEventMap;
export type ApplianceEvent = { [E in ApplianceEventName]: { event: E } & ApplianceEventMap[E] }[ApplianceEventName];
export type ApplianceEventOf<E extends ApplianceEventName> = Extract<ApplianceEvent, { event: E }>;
