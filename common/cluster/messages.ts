import { z } from 'zod';
import { ERROR_CODES, id, lobbyUser, roomMode } from '../protocol';

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

/** Who sent a forwarded request: the peer as its own server knows it. */
const origin = z.strictObject({ peerId: id, displayName: z.string().max(200), ip: z.string().max(100) });

/**
 * A message on a server's own bus channel. `request`/`response` run one client request on the server that hosts the
 * room or call it is about; `notify` delivers a notification to a peer signed in on the receiving server.
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
