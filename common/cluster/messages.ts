import { z } from 'zod';
import { ERROR_CODES, id, lobbyUser, publishKind, roomMode, rtpParameters } from '../protocol';

/** A room server's id in the cluster (random at start). */
export const serverId = id;

/** What the directory keeps about one open room: the server that hosts it and how to re-open it. */
export const roomRecord = z.strictObject({
  server: serverId,
  mode: roomMode,
  /** A direct call's private room admits only these peers. */
  allowedPeerIds: z.array(id).max(2).optional(),
});
export type RoomRecord = z.infer<typeof roomRecord>;

/** One end of a PipeTransport between two servers: where it listens, and its SRTP key. */
const pipeTuple = z.strictObject({
  ip: z.string().min(1).max(100),
  port: z.number().int().min(1).max(65_535),
  srtp: z.strictObject({ cryptoSuite: z.string().max(64), keyBase64: z.string().max(200) }),
});
export type PipeTuple = z.infer<typeof pipeTuple>;

/**
 * What a server asks of the server hosting a room whose viewers it serves: `produce` sends it one producer
 * through the asker's pipe (`pipeId` names the asker's PipeTransport, `tuple` is its end); `announce` re-sends a
 * member there every `newProducer` (its receive transport was made again).
 */
export const pipeRequest = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('produce'), roomId: id, producerId: id, pipeId: id, tuple: pipeTuple }),
  z.strictObject({ op: z.literal('announce'), roomId: id, peerId: id }),
]);
export type PipeRequest = z.infer<typeof pipeRequest>;

/** The hosting server's answer to `produce`: its end of the pipe and the producer as it comes out of the pipe. */
export const pipeOffer = z.strictObject({
  tuple: pipeTuple,
  kind: z.enum(['audio', 'video']),
  rtpParameters,
  paused: z.boolean(),
  peerId: id,
  source: publishKind,
});
export type PipeOffer = z.infer<typeof pipeOffer>;

/**
 * A change on either end of a pipe. From the hosting server: a piped producer closed, paused or resumed, or the
 * whole pipe of the room closed (`gone`: the room or its router closed). From the serving server: it no longer
 * serves the room (`release`), so the hosting server closes its end.
 */
export const pipeEvent = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('close'), roomId: id, pipeId: id, producerId: id }),
  z.strictObject({ event: z.literal('pause'), roomId: id, pipeId: id, producerId: id }),
  z.strictObject({ event: z.literal('resume'), roomId: id, pipeId: id, producerId: id }),
  z.strictObject({ event: z.literal('gone'), roomId: id, pipeId: id }),
  z.strictObject({ event: z.literal('release'), roomId: id, pipeId: id }),
]);
export type PipeEvent = z.infer<typeof pipeEvent>;

/** Who sent a forwarded request: the peer as its own server knows it. */
const origin = z.strictObject({ peerId: id, displayName: z.string().max(200), ip: z.string().max(100) });

/**
 * A message on a server's own bus channel. `request`/`response` run one client request on the server that hosts the
 * room or call it is about; `notify` delivers a notification to a peer signed in on the receiving server; `pipe`
 * (answered by a `response`) and `pipeEvent` carry the media pipes between servers.
 */
export const serverMessage = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('request'),
    from: serverId,
    requestId: z.number().int().nonnegative(),
    peer: origin,
    method: z.string().max(64),
    data: z.unknown(),
  }),
  z.strictObject({
    kind: z.literal('response'),
    requestId: z.number().int().nonnegative(),
    ok: z.boolean(),
    data: z.unknown().optional(),
    error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string().max(500) }).optional(),
  }),
  z.strictObject({
    kind: z.literal('pipe'),
    from: serverId,
    requestId: z.number().int().nonnegative(),
    data: pipeRequest,
  }),
  z.strictObject({ kind: z.literal('pipeEvent'), from: serverId, data: pipeEvent }),
  z.strictObject({
    kind: z.literal('notify'),
    from: serverId,
    peerId: id,
    name: z.string().max(64),
    data: z.unknown(),
  }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** A lobby change on the cluster-wide lobby channel, from the server the user is signed in on. */
export const lobbyEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entered'), server: serverId, user: lobbyUser }),
  z.strictObject({ kind: z.literal('changed'), server: serverId, user: lobbyUser }),
  z.strictObject({ kind: z.literal('left'), server: serverId, peerId: id }),
]);
export type LobbyEvent = z.infer<typeof lobbyEvent>;
