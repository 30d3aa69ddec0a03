import type { LobbyUser, PublishKind, RoomMode } from '../../common/protocol';
import type { CreatedRoom, EngineEvents, EngineState, JoinOptions, JoinResult } from '../engine/types';
import type { ConferenceEngine } from '../engine';
import { EngineUnavailableError } from '../lib/errors';

export type { CreatedRoom, EngineEvents, EngineState, JoinOptions, JoinResult };

/** One page of a broadcast's viewers, as a presenter's `listViewers` gets it. */
export interface ViewerPage {
  viewers: { peerId: string; displayName: string }[];
  total: number;
  /** Pass as `after` for the next page; null on the last. */
  next: number | null;
}

/** How the engine opens media: passed in so device choice (settings) and the bridge's picker apply. */
export interface EngineMedia {
  getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream>;
  getDisplayMedia(options: { audio: boolean }): Promise<MediaStream>;
}

/** Options the conference engine is constructed with. */
export interface EngineOptions {
  serverUrl: string;
  displayName: string;
  iceServers?: RTCIceServer[];
  media: EngineMedia;
}

/** Listener for engine event `E`. */
export type EngineListener<E extends keyof EngineEvents> = (...args: EngineEvents[E]) => void;

/**
 * The part of `ConferenceEngine` (renderer/engine/index.ts) the UI uses. The UI only ever talks to the engine
 * through this shape, so the engine can change inside without touching components.
 */
export interface EnginePort {
  /** My peer id once connected (diagnostics and tests read it through `window.moim.engine`). */
  readonly peerId: string | null;
  /** What this engine publishes now, by kind. */
  readonly localStreams: Partial<Record<PublishKind, MediaStream>>;
  connect(): Promise<string>;
  createRoom(options: { mode: RoomMode }): Promise<CreatedRoom>;
  joinRoom(roomId: string, options?: JoinOptions): Promise<JoinResult>;
  /** Broadcast presenters: a page of the viewers (viewers get FORBIDDEN). */
  listViewers(page?: { after?: number; limit?: number }): Promise<ViewerPage>;
  publish(kind: PublishKind, stream?: MediaStream): Promise<unknown>;
  unpublish(kind: PublishKind): Promise<unknown>;
  leaveRoom(): Promise<unknown>;
  close(): void;
  getStats(): Promise<unknown>;
  /** SFU rooms: how wide (device pixels) a remote video is shown, so the layer that fits is received. */
  setVideoSize?(peerId: string, kind: PublishKind, width: number): void;
  on<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): unknown;
  off<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): unknown;
  // Direct calls.
  enterLobby(): Promise<LobbyUser[] | { users: LobbyUser[] }>;
  leaveLobby(): Promise<unknown>;
  invite(peerId: string): Promise<string | { callId: string }>;
  accept(callId: string): Promise<{ callId: string; roomId: string }>;
  decline(callId: string): Promise<unknown>;
  cancel(callId: string): Promise<unknown>;
  hangUp(callId: string): Promise<unknown>;
  // Device audio sessions (answer-only).
  joinSession(sessionId: string, token: string): Promise<{ sessionId: string; peerId: string; idleTimeoutMs: number }>;
  heartbeat(sessionId: string): Promise<unknown>;
  endSession(sessionId: string): Promise<unknown>;
}

/** Builds an engine; the app gets one passed in (tests and harnesses can pass a fake). */
export type EngineFactory = (options: EngineOptions) => Promise<EnginePort>;

type EngineModule = { ConferenceEngine?: new (options: EngineOptions) => EnginePort };

// A glob, not an import: the build still succeeds while the engine module is absent, and loads it lazily once present.
const engineModules = import.meta.glob<EngineModule>('../engine/index.ts');

/** The default factory: `new ConferenceEngine(options)` from renderer/engine. */
export const loadConferenceEngine: EngineFactory = async (options) => {
  const load = engineModules['../engine/index.ts'];
  if (!load) throw new EngineUnavailableError();
  const { ConferenceEngine } = await load();
  if (typeof ConferenceEngine !== 'function') throw new EngineUnavailableError();
  return new ConferenceEngine(options);
};

// Compile-time proof that the real engine fits the port: a drift between the two fails the type check.
type EngineFitsPort = ConferenceEngine extends EnginePort ? true : never;
export const engineFitsPort: EngineFitsPort = true;
