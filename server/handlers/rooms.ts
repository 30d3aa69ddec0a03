import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/**
 * Room methods. createRoom of mode 'sfu' or 'broadcast' needs the media service (else
 * MEDIA_SERVER_UNAVAILABLE) so no client ends up in a media room nobody can send media through.
 * joinRoom of the room the peer is already in returns a fresh snapshot: that is how a resumed client
 * re-syncs its member list. createRoom with a known `roomId` re-creates that room (or returns it when it is
 * already open with the same mode), so clients can come back to their room after a server restart.
 */
export function registerRoomHandlers(dispatcher: Dispatcher, services: Services): void {
  const { rooms } = services;
  dispatcher
    .on('createRoom', async (ctx, { mode, roomId }) => ({
      roomId: (await rooms.create(mode, { creatorId: ctx.peer.id, creatorIp: ctx.peer.ip, roomId })).id,
    }))
    .on('joinRoom', (ctx, { roomId, role }) => rooms.join(ctx.peer, roomId, role ?? 'presenter'))
    .on('leaveRoom', (ctx) => {
      rooms.leave(ctx.peer);
      return {};
    })
    .on('setPublished', (ctx, { kind, published }) => {
      rooms.roomOf(ctx.peer).setPublished(ctx.peer, kind, published);
      return {};
    });
}
