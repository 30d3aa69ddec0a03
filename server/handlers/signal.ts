import { ProtocolError, type NotificationOf } from '../../common/protocol';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';

/**
 * `signal` relays SDP, ICE candidates and the stream map to one peer, only when the two share a room
 * (and may see each other: hidden broadcast viewers can't be signalled) or are the two sides of one audio
 * session. Otherwise nothing is delivered: NOT_IN_ROOM when the sender is in neither, else PEER_NOT_FOUND,
 * which doesn't tell an unknown peer from one elsewhere. SignalLimits caps size and rate per receiver.
 */
export function registerSignalHandler(dispatcher: Dispatcher, services: Services): void {
  dispatcher.on('signal', (ctx, { to, description, candidate, streams }) => {
    const from = ctx.peer;
    if (to === from.id) throw new ProtocolError('BAD_REQUEST', 'cannot signal yourself');
    const room = from.roomId === null ? undefined : services.rooms.get(from.roomId);
    // A member signed in on another server of a cluster is in the room but not among this server's peers.
    const target = services.peers.get(to) ?? room?.get(to);
    const inRoom =
      target !== undefined &&
      room !== undefined &&
      target.roomId === room.id &&
      room.canSee(from, target) &&
      room.canSee(target, from);
    // Checked even when they share a room: a relayed signal keeps their session from going idle.
    const inSession = target !== undefined && services.sessions.relay(from, target);
    if (!target || (!inRoom && !inSession)) {
      if (!room && from.sessionId === null) throw new ProtocolError('NOT_IN_ROOM', 'not in a room or session');
      throw new ProtocolError('PEER_NOT_FOUND', `peer ${to} not found`);
    }
    const message: NotificationOf<'signal'> = { from: from.id };
    if (description !== undefined) message.description = description;
    if (candidate !== undefined) message.candidate = candidate;
    if (streams !== undefined) message.streams = streams;
    services.signalLimits.admit(from, target, JSON.stringify(message).length);
    target.notify('signal', message);
    return {};
  });
}
