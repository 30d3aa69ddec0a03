import type { ResponseOf } from '../../common/protocol';
import { ConferenceEngine, type EngineOptions as ConferenceEngineOptions } from '../engine';
import type { Listener } from '../engine/emitter';
import { warmSfuDevice } from '../engine/sfu-device';
import { SocketWarmer } from '../engine/socket-warmer';
import { warmUpEngine } from '../engine/warm-up';
import type { EngineEvents } from '../engine/types';

export type { EngineMedia } from '../engine';
export type { CreatedRoom, EngineEvents, EngineState, JoinOptions, JoinResult } from '../engine/types';

/** One page of a broadcast's viewers, as a presenter's `listViewers` gets it. */
export type ViewerPage = ResponseOf<'listViewers'>;

/** The engine options the app sets (the rest are for tests and tools). */
export type EngineOptions = Pick<ConferenceEngineOptions, 'serverUrl' | 'displayName' | 'iceServers' | 'media'>;

/** Listener for engine event `E`. */
export type EngineListener<E extends keyof EngineEvents> = Listener<EngineEvents, E>;

/** Subscribing to the engine's events; the engine returns itself for chaining, which the UI never uses. */
export interface EngineSubscriptions {
  on<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): unknown;
  off<E extends keyof EngineEvents>(event: E, listener: EngineListener<E>): unknown;
}

/**
 * The part of `ConferenceEngine` the UI uses. The UI only ever talks to the engine through this shape, so the
 * engine can change inside without touching components, and tests can pass a fake.
 */
export type EnginePort = EngineSubscriptions &
  Pick<
    ConferenceEngine,
    | 'peerId'
    | 'localStreams'
    | 'connect'
    | 'createRoom'
    | 'joinRoom'
    | 'listViewers'
    | 'publish'
    | 'unpublish'
    | 'leaveRoom'
    | 'close'
    | 'getStats'
    | 'setVideoSize'
    | 'screen'
    | 'repairMedia'
    | 'enterLobby'
    | 'leaveLobby'
    | 'invite'
    | 'accept'
    | 'decline'
    | 'cancel'
    | 'hangUp'
    | 'joinSession'
    | 'heartbeat'
    | 'endSession'
  > & { readonly extras: RoomExtrasPort; readonly health: StatsPort };

/** The room extras the UI uses: recording, hands, reactions, chat. */
export type RoomExtrasPort = Pick<
  ConferenceEngine['extras'],
  'startRecording' | 'stopRecording' | 'raiseHand' | 'lowerHand' | 'react' | 'sendChat'
>;

/** The engine's stats sampler as the UI reads it: the last minute of samples, a `sample` event each second. */
export type StatsPort = Pick<ConferenceEngine['health'], 'latest' | 'history' | 'on' | 'off'>;

/**
 * Builds an engine; the app gets one passed in (tests and harnesses can pass a fake). `warm` opens the signaling
 * connection to a server ahead of the engine that will use it, and does the page's one-time WebRTC set-up, when
 * the factory can.
 */
export type EngineFactory = ((options: EngineOptions) => Promise<EnginePort>) & { warm?(serverUrl: string): void };

/** Signaling sockets opened while the user heads for a room, handed to the next engine connecting there. */
const warmer = new SocketWarmer();

/** The default factory: `new ConferenceEngine(options)`, whose first socket may be one `warm` opened. */
export const loadConferenceEngine: EngineFactory = Object.assign(
  async (options: EngineOptions) => new ConferenceEngine({ ...options, WebSocket: warmer.constructorFor() }),
  {
    warm: (serverUrl: string) => {
      warmer.warm(serverUrl);
      warmUpEngine();
      warmSfuDevice();
    },
  },
);
