import { createLogger } from '../../common/log';
import type { MoimBridge, Settings } from '../bridge/bridge';
import { cameraConstraints, microphoneConstraints, withPreferredDevices } from '../lib/media-constraints';
import type { EngineMedia } from '../services/engine-port';
import { secureMediaDevices, type PageContext } from './secure-context';

const log = createLogger('ui', 'local-media');

/** Opens the user's own media with their preferred devices. */
export interface LocalMedia extends EngineMedia {
  openCamera(): Promise<MediaStream>;
  openMicrophone(): Promise<MediaStream>;
  openScreen(): Promise<MediaStream>;
}

function isMissingDevice(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'OverconstrainedError' || error.name === 'NotFoundError');
}

/**
 * Local media through the page's `navigator.mediaDevices` and the bridge's screen picker. A preferred device that
 * went away falls back to the system default rather than failing. On a page that is not a secure context every
 * call fails with InsecureContextError, before any picker shows.
 */
export function createLocalMedia(
  getSettings: () => Settings,
  bridge: Pick<MoimBridge, 'getDisplayMedia'>,
  page: PageContext = globalThis,
): LocalMedia {
  const devices = () => secureMediaDevices(page);
  const displayMedia = (options: { audio: boolean }) => {
    devices();
    return bridge.getDisplayMedia(options);
  };
  const open = async (kind: 'video' | 'audio', preferred: string | null, build: typeof cameraConstraints) => {
    try {
      return await devices().getUserMedia({ [kind]: build(preferred) });
    } catch (error) {
      if (preferred === null || !isMissingDevice(error)) throw error;
      log.warn('open() | preferred %s device missing, using the default [device:%s]', kind, preferred);
      return devices().getUserMedia({ [kind]: build(null) });
    }
  };
  return {
    openCamera: () => open('video', getSettings().cameraId, cameraConstraints),
    openMicrophone: () => open('audio', getSettings().microphoneId, microphoneConstraints),
    async openScreen() {
      const stream = await displayMedia({ audio: true });
      // Text and detail stay sharp: encoders keep resolution and drop frame rate first.
      for (const track of stream.getVideoTracks()) track.contentHint = 'detail';
      return stream;
    },
    getUserMedia: async (constraints) => devices().getUserMedia(withPreferredDevices(constraints, getSettings())),
    getDisplayMedia: async (options) => displayMedia(options),
  };
}
