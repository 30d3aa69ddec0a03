import type { Room } from '../rooms/room';
import type { SfuSettings } from './media-settings';
import type { RoomMedia } from './room-media';

/** What the SFU's request handlers share: the settings and the media of each room. */
export interface SfuContext {
  readonly settings: SfuSettings;
  /** The media of a room; MEDIA_SERVER_UNAVAILABLE when the room has none. */
  media(room: Room): RoomMedia;
}
