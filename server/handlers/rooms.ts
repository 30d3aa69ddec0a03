import { ProtocolError } from '../../common/protocol';
import { checkMayOpen, roleUnderToken } from '../auth/room-admission';
import { keyOpens, newRoomKey, roomIdFor } from '../rooms/room-keys';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/**
 * Room methods. createRoom of mode 'sfu' or 'broadcast' needs the media service (else
 * MEDIA_SERVER_UNAVAILABLE) so no client ends up in a media room nobody can send media through.
 * A room's id is derived from its key (room-keys.ts): createRoom with a known `roomId` re-creates that room after a
 * server restart (or returns it while open) only when `presenterKey` is its key, else FORBIDDEN, so a stranger who
 * knows the id can't take it over. joinRoom decides the role (Room.grantRole); joining the room the peer is already
 * in returns a fresh snapshot, which is how a resumed client re-syncs its member list.
 * With an auth secret (`services.tokens`), a signed join token replaces ids and keys as the permission: createRoom
 * opens the token's room, joinRoom admits to it with the token's role as a ceiling (room-admission.ts) and the token's
 * name. A seat already held (a resumed client re-syncing) and a direct call's private room need no token.
 */
export function registerRoomHandlers(dispatcher: Dispatcher, services: Services): void {
  const { rooms, tokens } = services;
  dispatcher
    .on('createRoom', async (ctx, { mode, roomId, presenterKey, token }) => {
      if (tokens) {
        const grant = await tokens.verify(token, roomId);
        checkMayOpen(grant.role, mode);
        roomId = grant.room;
      } else if (roomId !== undefined && !keyOpens(roomId, mode, presenterKey)) {
        throw new ProtocolError('FORBIDDEN', `room ${roomId} can only be re-created with its key`);
      }
      const key = presenterKey ?? newRoomKey();
      const room = await rooms.create(mode, {
        creatorId: ctx.peer.id,
        creatorIp: ctx.peer.ip,
        roomId: roomId ?? roomIdFor(mode, key),
        key,
      });
      return { roomId: room.id, presenterKey: key };
    })
    .on('joinRoom', async (ctx, { roomId, role, presenterKey, token }) => {
      const room = rooms.get(roomId);
      if (tokens && !(room && (room.isPrivate || ctx.peer.roomId === roomId))) {
        const grant = await tokens.verify(token, roomId);
        if (!room) return rooms.join(ctx.peer, roomId, 'viewer'); // ROOM_NOT_FOUND
        const granted = roleUnderToken(grant.role, room.mode, role);
        if (ctx.peer.roomId === null) ctx.peer.displayName = grant.name;
        return rooms.join(ctx.peer, roomId, granted);
      }
      // A missing room throws ROOM_NOT_FOUND in join; the role asked for is only a wish.
      return rooms.join(ctx.peer, roomId, room ? room.grantRole(role, presenterKey) : 'viewer');
    })
    .on('leaveRoom', (ctx) => {
      rooms.leave(ctx.peer);
      return {};
    })
    .on('setPublished', (ctx, { kind, published }) => {
      rooms.roomOf(ctx.peer).setPublished(ctx.peer, kind, published);
      return {};
    })
    .on('setPaused', (ctx, { kind, paused }) => {
      rooms.roomOf(ctx.peer).setPaused(ctx.peer, kind, paused);
      return {};
    })
    .on('listViewers', (ctx, { after, limit }) => {
      const room = rooms.roomOf(ctx.peer);
      if (ctx.peer.role !== 'presenter') throw new ProtocolError('FORBIDDEN', 'only presenters may list the viewers');
      return room.listViewers(after, limit);
    });
}
