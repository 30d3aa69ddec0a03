import type { RoomMode } from '../../common/protocol';
import type { MediaSessionFactory } from './media-session';
import { P2PSession } from './p2p-session';

/**
 * The media session the engine builds for each room mode. 'sfu' and 'broadcast' get the mediasoup-client
 * session once it exists (issue 3): add it here; until then joining such a room fails with UnsupportedError.
 */
export const defaultSessionFactories: Partial<Record<RoomMode, MediaSessionFactory>> = {
  p2p: (context) => new P2PSession(context),
};
