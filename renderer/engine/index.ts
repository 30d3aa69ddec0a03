/** Moim's conference engine: no DOM; the UI and tests drive it through `ConferenceEngine`. */
export { ConferenceEngine } from './engine';
export type { EngineObserverEvents, EngineOptions } from './engine-options';
export { Emitter, type EventMap, type Listener } from './emitter';
export { InvalidStateError, SignalingError, UnsupportedError, type SignalingErrorCode } from './errors';
export type { EngineMedia } from './local-media';
export type { MediaSession, MediaSessionContext, MediaSessionEvents, MediaSessionFactory } from './media-session';
export { P2PSession, type P2PSessionOptions } from './p2p-session';
export { defaultSessionFactories } from './session-factories';
export { SignalingClient, type SignalingClientOptions } from './signaling-client';
export type { AnyNotification, SignalingPort, WebSocketCtor, WebSocketLike } from './signaling-types';
export type { RemoteStats } from './stats';
export type * from './types';
export { AnswerOnlyLink, type AnswerOnlyLinkEvents, type AnswerOnlyLinkOptions } from './answer-only-link';
export type { JoinSessionResult } from './audio-session';
