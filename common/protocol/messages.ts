import { z } from 'zod';
import {
  displayName,
  iceCandidate,
  iceServer,
  id,
  member,
  publishKind,
  role,
  roomKey,
  roomMode,
  sessionDescription,
  viewer,
} from './primitives';
import {
  dtlsParameters,
  iceCandidates,
  iceParameters,
  rtpCapabilities,
  rtpParameters,
  sctpParameters,
} from './mediasoup';
import { MAX_SERVERS, signalingUrl } from '../server-list';
import { joinToken } from './join-token';
import { roomExtraMethods, roomExtraNotifications, roomExtras } from './room-extras';

const empty = z.strictObject({});

/**
 * Sent with each P2P offer/answer: the sender's MediaStream id → what it carries. The camera stream also
 * carries the mic's audio track (one stream keeps lip sync), so an audio track in a 'cam' stream is the mic.
 */
export const streamKinds = z.record(z.string().min(1).max(100), publishKind).refine((r) => Object.keys(r).length <= 8, {
  message: 'at most 8 streams',
});
const mediaKind = z.enum(['audio', 'video']);

/** Why a direct call ended; the UI shows a sentence for each. */
export const callEndReason = z.enum(['declined', 'cancelled', 'timeout', 'busy', 'offline', 'hungUp', 'disconnected']);
export type CallEndReason = z.infer<typeof callEndReason>;

/** Why a device audio session ended. */
export const sessionEndReason = z.enum(['ended', 'idle', 'peerLeft']);
export type SessionEndReason = z.infer<typeof sessionEndReason>;

/** A user listed in the lobby of people who can be called. */
export const lobbyUser = z.strictObject({ peerId: id, displayName, busy: z.boolean() });
export type LobbyUser = z.infer<typeof lobbyUser>;

/**
 * Every request a client may send: method name → request and response schemas.
 * The server validates `request` on receipt; the client may validate `response`.
 */
export const methods = {
  // Connection and rooms.
  hello: {
    request: z.strictObject({
      displayName,
      resume: z.strictObject({ peerId: id, secret: z.string().min(16).max(128) }).optional(),
    }),
    response: z.strictObject({
      peerId: id,
      secret: z.string(),
      iceServers: z.array(iceServer),
      sfuAvailable: z.boolean(),
      /** Other servers of this server's cluster a client may sign in on when this one stops answering. */
      servers: z.array(signalingUrl).max(MAX_SERVERS).optional(),
    }),
  },
  createRoom: {
    // `roomId` + `presenterKey` re-create a room a client already knew, e.g. after the server restarted: the id is
    // derived from the key and the mode, so only a holder of the key can bring the room back.
    // On a server with an auth secret, `token` (a presenter's or member's signed join token) is what may open a room.
    request: z.strictObject({
      mode: roomMode,
      roomId: id.optional(),
      presenterKey: roomKey.optional(),
      token: joinToken.optional(),
    }),
    response: z.strictObject({ roomId: id, presenterKey: roomKey }),
  },
  joinRoom: {
    // `role` is a wish; the server decides (see `self.role`). In a broadcast only the presenter key makes a presenter.
    // With an auth secret the server admits only a signed `token` for this room, whose role caps the role granted.
    request: z.strictObject({
      roomId: id,
      role: role.optional(),
      presenterKey: roomKey.optional(),
      token: joinToken.optional(),
    }),
    response: z.strictObject({
      roomId: id,
      mode: roomMode,
      self: member,
      members: z.array(member),
      viewerCount: z.number().int().nonnegative(),
      // Meeting rooms hand every member the key, so any of them can re-create the room after a server restart.
      presenterKey: roomKey.optional(),
      extras: roomExtras.optional(),
    }),
  },
  listViewers: {
    // Presenters only; pages in join order: pass the last page's `next` as `after`.
    request: z.strictObject({
      after: z.number().int().nonnegative().optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    response: z.strictObject({
      viewers: z.array(viewer),
      total: z.number().int().nonnegative(),
      next: z.number().int().nonnegative().nullable(),
    }),
  },
  leaveRoom: { request: empty, response: empty },
  setPublished: {
    request: z.strictObject({ kind: publishKind, published: z.boolean() }),
    response: empty,
  },
  // A presenter froze (or unfroze) a source it publishes: viewers keep its last frame and say "Paused".
  setPaused: {
    request: z.strictObject({ kind: publishKind, paused: z.boolean() }),
    response: empty,
  },
  signal: {
    request: z
      .strictObject({
        to: id,
        description: sessionDescription.optional(),
        candidate: iceCandidate.nullable().optional(),
        streams: streamKinds.optional(),
      })
      .refine((m) => (m.description === undefined) !== (m.candidate === undefined), {
        message: 'a signal carries exactly one of description or candidate',
      }),
    response: empty,
  },

  // SFU (mediasoup).
  getRouterRtpCapabilities: { request: empty, response: z.strictObject({ rtpCapabilities }) },
  createWebRtcTransport: {
    request: z.strictObject({ direction: z.enum(['send', 'recv']), sctp: z.boolean().optional() }),
    response: z.strictObject({
      transportId: id,
      iceParameters,
      iceCandidates,
      dtlsParameters,
      sctpParameters: sctpParameters.optional(),
    }),
  },
  connectWebRtcTransport: {
    request: z.strictObject({ transportId: id, dtlsParameters }),
    response: empty,
  },
  restartIce: {
    request: z.strictObject({ transportId: id }),
    response: z.strictObject({ iceParameters }),
  },
  produce: {
    request: z.strictObject({
      transportId: id,
      kind: mediaKind,
      rtpParameters,
      source: publishKind,
      paused: z.boolean().optional(),
    }),
    response: z.strictObject({ producerId: id }),
  },
  closeProducer: { request: z.strictObject({ producerId: id }), response: empty },
  pauseProducer: { request: z.strictObject({ producerId: id }), response: empty },
  resumeProducer: { request: z.strictObject({ producerId: id }), response: empty },
  consume: {
    request: z.strictObject({ transportId: id, producerId: id, rtpCapabilities }),
    response: z.strictObject({
      consumerId: id,
      producerId: id,
      peerId: id,
      kind: mediaKind,
      source: publishKind,
      rtpParameters,
      type: z.string(),
      producerPaused: z.boolean(),
    }),
  },
  resumeConsumer: { request: z.strictObject({ consumerId: id }), response: empty },
  setConsumerPreferredLayers: {
    request: z.strictObject({
      consumerId: id,
      spatialLayer: z.number().int().min(0).max(3),
      temporalLayer: z.number().int().min(0).max(3).optional(),
    }),
    response: empty,
  },
  // A viewer whose picture went stale (its tab became visible again) asks for a fresh keyframe of its own consumer.
  requestKeyFrame: { request: z.strictObject({ consumerId: id }), response: empty },

  // Direct 1:1 calls.
  // With an auth secret, only a holder of a valid join token (any room, any role) may see and call who is online.
  enterLobby: {
    request: z.strictObject({ token: joinToken.optional() }),
    response: z.strictObject({ users: z.array(lobbyUser) }),
  },
  leaveLobby: { request: empty, response: empty },
  invite: { request: z.strictObject({ to: id }), response: z.strictObject({ callId: id }) },
  accept: { request: z.strictObject({ callId: id }), response: z.strictObject({ callId: id, roomId: id }) },
  decline: { request: z.strictObject({ callId: id }), response: empty },
  cancel: { request: z.strictObject({ callId: id }), response: empty },
  hangUp: { request: z.strictObject({ callId: id }), response: empty },

  // Device audio sessions.
  createSession: {
    request: z.strictObject({ type: z.literal('audio') }),
    response: z.strictObject({ sessionId: id, token: z.string(), idleTimeoutMs: z.number().int().positive() }),
  },
  joinSession: {
    request: z.strictObject({ sessionId: id, token: z.string().min(1).max(256) }),
    response: z.strictObject({ sessionId: id, peerId: id, idleTimeoutMs: z.number().int().positive() }),
  },
  heartbeat: { request: z.strictObject({ sessionId: id }), response: empty },
  endSession: { request: z.strictObject({ sessionId: id }), response: empty },

  ...roomExtraMethods,
} as const;

/**
 * Every push the server may send: notification name → data schema.
 */
export const notifications = {
  peerJoined: z.strictObject({ member }),
  peerLeft: z.strictObject({ peerId: id }),
  published: z.strictObject({ peerId: id, kind: publishKind }),
  unpublished: z.strictObject({ peerId: id, kind: publishKind }),
  pausedChanged: z.strictObject({ peerId: id, kind: publishKind, paused: z.boolean() }),
  viewerCount: z.strictObject({ count: z.number().int().nonnegative() }),
  signal: z.strictObject({
    from: id,
    description: sessionDescription.optional(),
    candidate: iceCandidate.nullable().optional(),
    streams: streamKinds.optional(),
  }),
  /** The connection was taken over by a newer one with the same peer id; this one is about to close. */
  replaced: empty,

  newProducer: z.strictObject({
    peerId: id,
    producerId: id,
    kind: mediaKind,
    source: publishKind,
    paused: z.boolean(),
  }),
  producerClosed: z.strictObject({ peerId: id, producerId: id }),
  producerPaused: z.strictObject({ peerId: id, producerId: id }),
  producerResumed: z.strictObject({ peerId: id, producerId: id }),
  consumerClosed: z.strictObject({ consumerId: id }),
  /** The simulcast layers the SFU forwards on a consumer changed (null: none, e.g. the bandwidth ran out). */
  consumerLayersChanged: z.strictObject({
    consumerId: id,
    spatialLayer: z.number().int().min(0).max(15).nullable(),
    temporalLayer: z.number().int().min(0).max(15).nullable(),
  }),
  activeSpeaker: z.strictObject({ peerId: id.nullable() }),
  /** The room's media worker died; a new one took over and clients must set up their SFU media again. */
  mediaReset: empty,
  /**
   * The server hosting this peer's room (another server of the cluster) stopped answering: the peer is out of the
   * room. Joining it again by id finds it once a key holder has re-created it somewhere (ROOM_NOT_FOUND until then).
   */
  roomLost: z.strictObject({ roomId: id }),

  // The lobby after `enterLobby`'s full list: one delta per change, never the whole list again.
  lobbyUserJoined: z.strictObject({ user: lobbyUser }),
  lobbyUserLeft: z.strictObject({ peerId: id }),
  /** A member's busy flag changed (a call started or ended). */
  lobbyUserChanged: z.strictObject({ user: lobbyUser }),
  incomingCall: z.strictObject({ callId: id, from: z.strictObject({ peerId: id, displayName }) }),
  callRinging: z.strictObject({ callId: id }),
  callAccepted: z.strictObject({ callId: id, roomId: id }),
  callEnded: z.strictObject({ callId: id, reason: callEndReason }),

  sessionJoined: z.strictObject({ sessionId: id, peerId: id, displayName }),
  sessionEnded: z.strictObject({ sessionId: id, reason: sessionEndReason }),

  ...roomExtraNotifications,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type RequestOf<M extends MethodName> = z.input<Methods[M]['request']>;
export type ParsedRequestOf<M extends MethodName> = z.output<Methods[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Methods[M]['response']>;

export type Notifications = typeof notifications;
export type NotificationName = keyof Notifications;
export type NotificationOf<N extends NotificationName> = z.output<Notifications[N]>;

/** True when `name` is a method the protocol defines. */
export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

/** True when `name` is a notification the protocol defines. */
export function isNotificationName(name: string): name is NotificationName {
  return Object.hasOwn(notifications, name);
}
