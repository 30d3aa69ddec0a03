import type {
  LobbyUser,
  Member,
  PublishKind,
  Role,
  RoomMode,
  CallEndReason,
  ChatMessage,
  RaisedHand,
  Reaction,
  RoomExtras,
  SessionEndReason,
} from '../../common/protocol';

/** Connection state of the engine, as the UI shows it. */
export type EngineState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

/**
 * Where the engine stands with its room. 'rejoining': the connection dropped and the engine is getting back
 * in. 'waiting': reconnected, but the server no longer knows the room (it restarted, or everyone left); the
 * engine keeps trying to join the same room id, with backoff, until it exists again or `leaveRoom()`/`close()`.
 */
export type RoomState = 'none' | 'joining' | 'joined' | 'rejoining' | 'waiting';

/** A remote media track the engine subscribed to automatically. */
export interface RemoteTrack {
  peerId: string;
  kind: PublishKind;
  track: MediaStreamTrack;
  /** All tracks of one peer's source (e.g. screen video + screen audio) share one stream. */
  stream: MediaStream;
}

/** Options for joining a room. */
export interface JoinOptions {
  /** A wish: the server decides (in a broadcast only the presenter key makes a presenter). */
  role?: Role;
  /** The room's key from `createRoom` or a presenter link; kept to re-create the room after a server restart. */
  presenterKey?: string;
  /**
   * A signed join token (a server with an auth secret): admits to the room with the token's role and name. A
   * presenter's or member's token that names a `mode` also opens the room when it is not there yet.
   */
  token?: string;
}

/** A room just created: its id (for everyone) and its key (for presenters only; never in a viewer link). */
export interface CreatedRoom {
  roomId: string;
  presenterKey: string;
}

/** Result of joining a room. */
export interface JoinResult {
  roomId: string;
  mode: RoomMode;
  self: Member;
  members: Member[];
  viewerCount: number;
}

/**
 * Events the engine emits: event name → listener argument tuple.
 * `track` fires once per remote track; `trackended` when it goes away.
 */
export interface EngineEvents {
  statechange: [state: EngineState];
  roomstate: [state: RoomState];
  /** The room's media went down past the reconnect ladder's grace ('reconnecting'), or came back. */
  mediastate: [state: 'connected' | 'reconnecting'];
  peerjoined: [member: Member];
  peerleft: [peerId: string];
  published: [peerId: string, kind: PublishKind];
  unpublished: [peerId: string, kind: PublishKind];
  /** A member paused or resumed something it publishes (its viewers keep the last frame meanwhile). */
  pausedchange: [peerId: string, kind: PublishKind, paused: boolean];
  track: [remote: RemoteTrack];
  trackended: [remote: RemoteTrack];
  viewercount: [count: number];
  activespeaker: [peerId: string | null];
  roomleft: [reason: 'left' | 'closed' | 'replaced'];
  /** This engine started sending `kind` (also when a publish replaced the previous stream). */
  localpublished: [kind: PublishKind, stream: MediaStream];
  /** This engine stopped sending `kind`: `unpublish()`, the user ended a screen share, or the device went away. */
  localunpublished: [kind: PublishKind];
  lobby: [users: LobbyUser[]];
  incomingcall: [call: { callId: string; from: { peerId: string; displayName: string } }];
  callringing: [callId: string];
  callaccepted: [call: { callId: string; roomId: string }];
  callended: [call: { callId: string; reason: CallEndReason }];
  sessionjoined: [session: { sessionId: string; peerId: string; displayName: string }];
  sessionended: [session: { sessionId: string; reason: SessionEndReason }];
  /** The room's recording, hands and recent chat, on every join (and empty on leaving). */
  roomextras: [extras: RoomExtras];
  recording: [recording: boolean];
  hands: [hands: RaisedHand[]];
  reaction: [reaction: { peerId: string; displayName: string; reaction: Reaction }];
  chat: [message: ChatMessage];
  error: [error: Error];
}

/**
 * A media repair the UI may ask for, lighter first: 'keyframes' asks every received video for a fresh keyframe
 * (a page that becomes visible again), the kiosk watchdog's 'resubscribe' and 'recreate' rebuild consumers or
 * transports.
 */
export type MediaRepair = 'keyframes' | 'resubscribe' | 'recreate';
