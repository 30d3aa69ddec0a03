import type { RoomMode } from '../../common/protocol';
import type { MediaSessionFactory } from './media-session';
import { P2PSession } from './p2p-session';
import { SfuSession } from './sfu-session';

/** The media session the engine builds for each room mode: a mesh for 'p2p', mediasoup-client for the others. */
export const defaultSessionFactories: Partial<Record<RoomMode, MediaSessionFactory>> = {
  p2p: (context) => new P2PSession(context),
  sfu: (context) => new SfuSession(context),
  broadcast: (context) => new SfuSession(context),
};
