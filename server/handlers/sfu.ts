import { ProtocolError } from '../../common/protocol';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';
import { SFU_METHODS, type SfuHandler, type SfuMethodName } from '../sfu/media-service';

function register<M extends SfuMethodName>(dispatcher: Dispatcher, services: Services, method: M): void {
  dispatcher.on(method, (ctx, data) => {
    const { media, rooms } = services;
    if (!media.available) throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', 'this server has no media server (SFU)');
    const room = rooms.roomOf(ctx.peer);
    if (room.mode === 'p2p') throw new ProtocolError('UNSUPPORTED', `room ${room.id} is peer-to-peer`);
    const handler = media.handlers[method] as SfuHandler<M>;
    return handler(room, ctx.peer, data);
  });
}

/**
 * SFU methods go to the media service once the common checks pass: a media service exists
 * (MEDIA_SERVER_UNAVAILABLE), the peer is in a room (NOT_IN_ROOM) and the room is not p2p (UNSUPPORTED).
 */
export function registerSfuHandlers(dispatcher: Dispatcher, services: Services): void {
  for (const method of SFU_METHODS) register(dispatcher, services, method);
}
