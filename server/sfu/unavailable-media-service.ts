import { ProtocolError } from '../../common/protocol';
import { SFU_METHODS, type MediaService, type SfuHandlers } from './media-service';

const unavailable = async (): Promise<never> => {
  throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', 'this server has no media server (SFU)');
};

/** The media service of a server without an SFU: every SFU request fails with MEDIA_SERVER_UNAVAILABLE. */
export class UnavailableMediaService implements MediaService {
  readonly available = false;
  readonly handlers = Object.fromEntries(SFU_METHODS.map((m) => [m, unavailable])) as unknown as SfuHandlers;

  async onRoomCreated(): Promise<void> {
    throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', 'this server has no media server (SFU)');
  }

  onPeerJoined(): void {}

  onPeerLeft(): void {}

  onRoomClosed(): void {}

  async close(): Promise<void> {}
}
