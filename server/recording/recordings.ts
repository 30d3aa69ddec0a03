import { ProtocolError } from '../../common/protocol';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import type { Room } from '../rooms/room';
import type { RoomMedia } from '../sfu/room-media';
import { Recorder } from './recorder';

const log = createLogger('recording');

/** A room's recording and the presenter who started it. */
interface Entry {
  recorder: Recorder;
  ownerId: string;
  room: Room;
}

/**
 * The recordings of every SFU and broadcast room, at most one per room, each of its starter's own audio and
 * video. Everyone in the room is told when one starts or stops (`recordingChanged`, and joiners through the
 * room's extras). A recording ends on `stopRecording`, when its presenter leaves, and on shutdown — each time
 * with ffmpeg finishing the file.
 */
export class Recordings {
  private readonly entries = new Map<string, Entry>();
  private readonly stopping = new Set<Promise<void>>();

  constructor(private readonly dir: string) {}

  /** Starts recording `peer`'s camera (else screen) video and microphone (else screen) audio; returns the file. */
  async start(room: Room, media: RoomMedia, peer: Peer): Promise<string> {
    if (peer.role !== 'presenter') throw new ProtocolError('FORBIDDEN', 'only presenters may record');
    if (this.entries.has(room.id)) throw new ProtocolError('INVALID_STATE', `room ${room.id} is already recorded`);
    const own = media.peer(peer.id);
    const video = own.producing('cam', 'video') ?? own.producing('screen', 'video');
    const audio = own.producing('mic', 'audio') ?? own.producing('screen', 'audio');
    const producerIds = [video, audio].flatMap((entry) => (entry ? [entry.producer.id] : []));
    if (producerIds.length === 0) throw new ProtocolError('INVALID_STATE', 'publish a camera or microphone first');
    const recorder = new Recorder({
      router: media.router,
      producerIds,
      dir: this.dir,
      roomId: room.id,
      // ffmpeg ended by itself (the recorded media all stopped): the room is no longer recorded.
      onEnded: () => {
        if (this.entries.get(room.id) === entry) void this.end(room.id);
      },
    });
    const entry: Entry = { recorder, ownerId: peer.id, room };
    this.entries.set(room.id, entry);
    try {
      await recorder.start();
    } catch (error) {
      this.entries.delete(room.id);
      log.error('start() | recording failed to start [room:%s]: %o', room.id, error);
      throw new ProtocolError('UNSUPPORTED', 'the server could not start recording');
    }
    if (this.entries.get(room.id) !== entry) {
      // The presenter left (or the room closed) while ffmpeg was starting.
      throw new ProtocolError('INVALID_STATE', 'the recording ended before it started');
    }
    room.extras.recording = true;
    room.notifyAll('recordingChanged', { recording: true, peerId: peer.id });
    return recorder.file;
  }

  /** Stops the room's recording on a presenter's request; INVALID_STATE when there is none. */
  async stopBy(room: Room, peer: Peer): Promise<void> {
    if (peer.role !== 'presenter') throw new ProtocolError('FORBIDDEN', 'only presenters may stop a recording');
    if (!this.entries.has(room.id)) throw new ProtocolError('INVALID_STATE', `room ${room.id} is not recorded`);
    await this.end(room.id);
  }

  /** A peer is leaving: the recording of its media ends (and the file is finished). */
  peerLeft(room: Room, peer: Peer): void {
    if (this.entries.get(room.id)?.ownerId === peer.id) void this.end(room.id);
  }

  /** The room closed: its recording ends. */
  roomClosed(room: Room): void {
    void this.end(room.id);
  }

  /** Ends every recording and waits until each file is finished (server shutdown). */
  async closeAll(): Promise<void> {
    for (const roomId of [...this.entries.keys()]) void this.end(roomId);
    await Promise.all([...this.stopping]);
  }

  private async end(roomId: string): Promise<void> {
    const entry = this.entries.get(roomId);
    if (!entry) return;
    this.entries.delete(roomId);
    const { room, ownerId } = entry;
    if (room.extras.recording) {
      room.extras.recording = false;
      room.notifyAll('recordingChanged', { recording: false, peerId: ownerId });
    }
    const done = entry.recorder.stop();
    this.stopping.add(done);
    try {
      await done;
    } finally {
      this.stopping.delete(done);
    }
  }
}
