import type { SfuHandlers } from '../sfu/media-service';
import type { SfuContext } from '../sfu/sfu-context';
import type { Recordings } from './recordings';

type RecordingHandlers = Pick<SfuHandlers, 'startRecording' | 'stopRecording'>;

/** Handlers that start and stop recording a presenter's media (the rules live in Recordings). */
export function recordingHandlers(ctx: SfuContext, recordings: Recordings): RecordingHandlers {
  return {
    startRecording: async (room, peer) => ({ file: await recordings.start(room, ctx.media(room), peer) }),
    stopRecording: async (room, peer) => {
      await recordings.stopBy(room, peer);
      return {};
    },
  };
}
