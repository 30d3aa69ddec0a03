/** Rooms and presence: creating, joining and leaving a room, what members publish, and the pushes that follow. */
import { z } from 'zod';
import { joinToken } from './join-token';
import { empty, id, member, publishKind, role, roomKey, roomMode, viewer } from './primitives';
import { roomExtras } from './room-extras';

/** Requests that open, join and leave rooms and say what a member publishes. */
export const roomMethods = {
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
} as const;

/** Pushes about who is in the room and what they publish. */
export const roomNotifications = {
  peerJoined: z.strictObject({ member }),
  peerLeft: z.strictObject({ peerId: id }),
  published: z.strictObject({ peerId: id, kind: publishKind }),
  unpublished: z.strictObject({ peerId: id, kind: publishKind }),
  pausedChanged: z.strictObject({ peerId: id, kind: publishKind, paused: z.boolean() }),
  viewerCount: z.strictObject({ count: z.number().int().nonnegative() }),
  /**
   * The server hosting this peer's room (another server of the cluster) stopped answering: the peer is out of the
   * room. Joining it again by id finds it once a key holder has re-created it somewhere (ROOM_NOT_FOUND until then).
   */
  roomLost: z.strictObject({ roomId: id }),
} as const;
