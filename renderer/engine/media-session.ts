import type { Member, PublishKind, Role, RoomMode } from '../../common/protocol';
import type { Emitter } from './emitter';
import type { AnyNotification, SignalingPort } from './signaling-types';
import type { RemoteStats } from './stats';
import type { StatsSource } from './track-stats';
import type { MediaRepair, RemoteTrack } from './types';

/** Everything a media session gets from the engine when a room (or call, or device session) is joined. */
export interface MediaSessionContext {
  /** This peer's id on the current connection. */
  selfId: string;
  roomId: string;
  mode: RoomMode;
  role: Role;
  /**
   * Stable for the session's life: requests go over the engine's current connection; during a reconnect they
   * wait and are sent if the connection resumes our identity (or fail with CLOSED if it doesn't, in which
   * case the engine closes this session and builds a new one).
   */
  signaling: SignalingPort;
  iceServers: RTCIceServer[];
  /** The platform's RTCPeerConnection (or a fake); undefined where there is none. */
  RTCPeerConnection: typeof RTCPeerConnection | undefined;
  /** The platform's MediaStream constructor (or a fake). */
  MediaStream: typeof MediaStream | undefined;
}

/** Events a media session emits; the engine re-emits `track`/`trackended` and reports `error`. */
export interface MediaSessionEvents {
  track: [remote: RemoteTrack];
  trackended: [remote: RemoteTrack];
  error: [error: Error];
  /** The media went down past the reconnect ladder's grace (false), or came back (true). */
  mediastate: [healthy: boolean];
  /** The ladder ran out of lighter repairs: the engine should leave and join the room again. */
  rejoinneeded: [];
}

/**
 * How one joined room moves media. The engine owns presence, local devices and reconnects; a session owns
 * peer connections or transports. `P2PSession` (mesh) and `SfuSession` (mediasoup-client) implement it and
 * are picked by room mode through `MediaSessionFactory`; device audio sessions live apart (audio-session.ts).
 *
 * Lifetime: created right after joinRoom succeeds, `start()`ed once, then fed presence and notifications in
 * arrival order (possibly before `start()` resolves: queue what can't be handled yet), and `close()`d when the
 * room is left, the engine closes, or a reconnect came back as a different peer. A reconnect that resumes our
 * identity keeps the session: the server kept our seat and our peers kept their connections, so media never
 * stopped; the engine then reconciles presence (peerLeft/peerJoined for what changed) and calls `resumed()`.
 * After `close()` a session must emit nothing more.
 */
export interface MediaSession extends Pick<Emitter<MediaSessionEvents>, 'on' | 'off' | 'once'> {
  /** Begins media with the members already in the room and the tracks already published locally. */
  start(members: readonly Member[], local: ReadonlyMap<PublishKind, readonly MediaStreamTrack[]>): Promise<void>;
  /** A member joined after `start()`. */
  peerJoined(member: Member): void;
  /** A member left; its media must be torn down and its remote tracks reported ended. */
  peerLeft(peerId: string): void;
  /** Every notification of the connection, in order (P2P reads `signal`; SFU reads `newProducer`, `mediaReset`...). */
  handleNotification(notification: AnyNotification): void;
  /**
   * Sends `tracks` as `kind`, replacing what was sent as `kind` before (replace without renegotiation where
   * possible). Rejects when the server refuses (e.g. FORBIDDEN for a broadcast viewer), having undone its part.
   * The engine announces the publish with `setPublished` after this resolves.
   */
  publish(kind: PublishKind, tracks: readonly MediaStreamTrack[]): Promise<void>;
  /** Stops sending `kind`; the local tracks themselves are the engine's to stop. */
  unpublish(kind: PublishKind): Promise<void>;
  /** The video RTCRtpSenders of `kind` (one per peer in P2P, the producer's in SFU): profiles, pause. */
  videoSendersOf(kind: PublishKind): RTCRtpSender[];
  /** Freezes or resumes `kind` (viewers keep the last frame) and tells the room, whose viewers show "Paused". */
  setPaused?(kind: PublishKind, paused: boolean): Promise<void>;
  /** Receive figures per remote peer and kind (inbound-rtp). */
  getStats(): Promise<RemoteStats[]>;
  /** The stats reports of every connection, labelled for the stats sampler (send and receive figures). */
  statsSources?(): Promise<StatsSource[]>;
  /** SFU: receive this spatial (and temporal) layer of a peer's video, 0 being the smallest; P2P has none. */
  setPreferredLayers?(peerId: string, kind: PublishKind, spatialLayer: number, temporalLayer?: number): Promise<void>;
  /** SFU: how wide (device pixels) a peer's video is shown, so the layer that fits is received. */
  setVideoSize?(peerId: string, kind: PublishKind, width: number): void;
  /** Called after a reconnect that kept this session, once presence is reconciled (e.g. SFU: check transports). */
  resumed?(): void;
  /** Repairs media on request (SFU: 'resubscribe' consumes every producer again, 'recreate' makes new transports). */
  repair?(step: MediaRepair): void;
  /** The signaling connection dropped (its repairs wait for `resumed()`, or the session is replaced). */
  suspended?(): void;
  /** The device's network came back while signaling stayed up: repair media that is still down now. */
  networkReturned?(): void;
  /** Tears everything down, emitting `trackended` for each remote track still live; safe to call twice. */
  close(): void;
}

/** Builds the session for a joined room; the engine picks one by `context.mode`. */
export type MediaSessionFactory = (context: MediaSessionContext) => MediaSession;
