import type { RoomMode } from '../../common/protocol';
import type { BackoffOptions } from './backoff';
import type { LocalMediaOptions, EngineMedia } from './local-media';
import type { MediaSession, MediaSessionFactory } from './media-session';
import type { WebSocketCtor } from './signaling-types';

/** Options of a conference engine; everything platform-specific can be passed in. */
export interface EngineOptions {
  /**
   * ws:// or wss:// address of the room server, or a server list (comma-separated or an array) tried in order:
   * when the server signed in on stops answering, the engine signs in on the next one and rejoins the room there.
   * A malformed list throws ServerListError.
   */
  serverUrl: string | readonly string[];
  displayName: string;
  /** STUN/TURN from settings; when absent or empty the server's list (from `hello`) is used. */
  iceServers?: RTCIceServer[];
  /** How devices are opened (getUserMedia, and the bridge's getDisplayMedia with Moim's picker). */
  media: EngineMedia;
  WebSocket?: WebSocketCtor;
  RTCPeerConnection?: typeof RTCPeerConnection;
  MediaStream?: typeof MediaStream;
  /** Requests fail with TIMEOUT after this long (default 10 s). */
  requestTimeoutMs?: number;
  /** Spacing of reconnect attempts (default: 0.5 s doubling to 2 s, half of it jitter; see backoff.ts). */
  reconnect?: Partial<BackoffOptions>;
  /** Where the device says its network came back ('online'): the page's window by default; null for none. */
  network?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
  /** Random source for the jitter (tests pass a fixed one). */
  random?: () => number;
  /** Media session per room mode, merged over the defaults (P2P now; SFU and broadcast later). */
  sessions?: Partial<Record<RoomMode, MediaSessionFactory>>;
  constraints?: LocalMediaOptions['constraints'];
  screenAudio?: boolean;
}

/** Diagnostics of the engine, apart from the UI's events. */
export interface EngineObserverEvents {
  reconnectattempt: [attempt: number, delayMs: number];
  sessioncreated: [session: MediaSession];
}
