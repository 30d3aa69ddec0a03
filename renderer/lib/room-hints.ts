import type { MessageKey, MessageParams } from '../i18n';
import type { RoomModel } from '../state/room-model';

/** A hint the room view shows under its header. */
export interface RoomHint {
  key: MessageKey;
  params?: MessageParams;
}

/**
 * What a presenter with nobody else in the room is told: to share the link, or, in a broadcast whose viewers
 * are counted rather than listed, that they are live and how many watch.
 */
export function emptyRoomHint(model: RoomModel): RoomHint | null {
  if (model.phase !== 'joined' || model.role !== 'presenter' || model.peers.size > 0) return null;
  if (model.mode === 'broadcast' && model.viewerCount > 0) {
    return { key: 'room.audience', params: { count: model.viewerCount } };
  }
  return { key: 'room.alone' };
}
