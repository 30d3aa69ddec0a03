import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { createLogger } from '../log';
import type { SfuPlainTransport, SfuRouter, SfuLayeredConsumer } from '../sfu/mediasoup-types';
import { FfmpegProcess, freeRtpPortPair } from './ffmpeg-process';
import { fileBegun, topLayerFlowing } from './first-picture';
import { recordingExtension, recordingSdp, type RecordedStream } from './recording-sdp';

const log = createLogger('recording');

/** What a recorder records: the room's router and the producers (at most one audio, one video). */
export interface RecorderOptions {
  router: SfuRouter;
  producerIds: readonly string[];
  /** Folder the file goes into (created when missing). */
  dir: string;
  /** Put in the file name so an operator can tell recordings apart; never chosen by a client. */
  roomId: string;
  /** Called when ffmpeg ends without `stop()` (its input timed out: the media is gone, or it failed). */
  onEnded?: () => void;
}

/**
 * One recording: a PlainTransport and a consumer per producer sending plain RTP to ffmpeg on loopback, which
 * copies the streams into a WebM (VP8/VP9 + Opus) or Matroska file. `stop()` lets ffmpeg finish the file.
 */
export class Recorder {
  private readonly transports: SfuPlainTransport[] = [];
  private readonly consumers: SfuLayeredConsumer[] = [];
  private ffmpeg: FfmpegProcess | null = null;
  private stopping: Promise<void> | null = null;
  /** The recording's file name (no folder), set by `start()`. */
  file = '';

  constructor(private readonly options: RecorderOptions) {}

  /**
   * Opens the RTP paths; lets the video flow until it is on its top layer (to a port nobody reads yet), then
   * starts ffmpeg, lets the audio flow too and resolves once the file has begun (asking for keyframes until then).
   */
  async start(): Promise<void> {
    const { router, producerIds, dir, roomId } = this.options;
    const since = Date.now();
    try {
      const streams: RecordedStream[] = [];
      for (const producerId of producerIds) streams.push(await this.openStream(router, producerId));
      streams.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'video' ? -1 : 1));
      const video = this.consumers.find((consumer) => consumer.kind === 'video');
      if (video) {
        await video.resume();
        await topLayerFlowing(video);
      }
      await mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const base = `${stamp}-${roomId}-${randomBytes(3).toString('hex')}`;
      this.file = `${base}.${recordingExtension(streams)}`;
      const sdpFile = path.join(dir, `${base}.sdp`);
      await writeFile(sdpFile, recordingSdp(streams), { mode: 0o600 });
      const file = path.join(dir, this.file);
      const ffmpeg = (this.ffmpeg = new FfmpegProcess(sdpFile, file));
      void ffmpeg.exited.then(() => this.stopping === null && this.options.onEnded?.());
      // Packets sent before ffmpeg opens its port are lost; that is before the file begins, which is what the
      // presenter's answer waits for, so the recording they are told about misses nothing.
      for (const consumer of this.consumers) await consumer.resume();
      const ended = ffmpeg.exited.then((code) => {
        throw new Error(`start() | ffmpeg ended (exit ${code}) before the file began`);
      });
      await Promise.race([fileBegun(file, video), ended]);
      log.debug('start() | recording [room:%s, file:%s] after %d ms', roomId, this.file, Date.now() - since);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Finishes the file and closes the RTP paths; safe to call twice (both calls wait for the same end). */
  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      await this.ffmpeg?.stop();
      for (const transport of this.transports) transport.close();
      log.debug('stop() | recording finished [room:%s, file:%s]', this.options.roomId, this.file);
    })());
  }

  private async openStream(router: SfuRouter, producerId: string): Promise<RecordedStream> {
    const port = await freeRtpPortPair();
    const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: false, comedia: false });
    this.transports.push(transport);
    await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
    // Paused until ffmpeg listens (the video until `start()` waits for its top layer), so no packet is lost.
    const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: true });
    this.consumers.push(consumer);
    return { kind: consumer.kind as types.MediaKind, port, rtpParameters: consumer.rtpParameters };
  }
}
