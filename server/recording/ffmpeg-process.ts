import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { createLogger } from '../log';

const log = createLogger('recording:ffmpeg');

/** Where the recorder looks for ffmpeg; MOIM_FFMPEG overrides the PATH lookup. */
export const FFMPEG_BIN = process.env.MOIM_FFMPEG ?? 'ffmpeg';

/** Seconds without any packet after which ffmpeg ends its input and finishes the file. */
const INPUT_TIMEOUT_S = 2;

/** Stderr kept for the log when ffmpeg fails. */
const STDERR_TAIL = 4_000;

/** Tries to bind a UDP port on loopback; false when something else holds it. */
async function bindable(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  try {
    socket.bind(port, '127.0.0.1');
    await once(socket, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    socket.close();
  }
}

/** An even loopback UDP port whose next port is free too (RTP and RTCP for ffmpeg), outside the SFU's range. */
export async function freeRtpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + 2 * Math.floor(Math.random() * 9_999);
    if ((await bindable(port)) && (await bindable(port + 1))) return port;
  }
  throw new Error('freeRtpPortPair() | no free UDP port pair');
}

/**
 * One ffmpeg process that reads RTP described by an SDP file and writes a file without re-encoding.
 *
 * Finishing the file (cues, duration) needs ffmpeg to stop on its own terms, which takes care:
 * - ffmpeg notices a SIGINT only between two packets. When the media stopped first (the presenter left, the
 *   room closed) no packet comes, so its input ends after `INPUT_TIMEOUT_S` without any packet (RTP or RTCP)
 *   and ffmpeg finishes the file then. A second signal would instead interrupt the trailer's write as well and
 *   leave a cut or empty file — so only one SIGINT is sent.
 * - For the same reason it runs in its own process group: a Ctrl-C or a signal to the server's group does not
 *   reach it; only the server signals it. The server kills it if it exits first (no orphan).
 */
export class FfmpegProcess {
  private readonly child: ChildProcess;
  /** Resolves with ffmpeg's exit code (null: killed, or it never started) once it has exited. */
  readonly exited: Promise<number | null>;
  private stderr = '';
  private stopAsked = false;

  constructor(sdpFile: string, outputFile: string) {
    const args = ['-hide_banner', '-nostdin', '-loglevel', 'warning', '-protocol_whitelist', 'file,udp,rtp'];
    // ffmpeg writes nothing until it has probed its input (5 s by default): a short recording stopped meanwhile
    // would leave an empty file, so it probes for at most 1 s, and does not count frames to guess a frame rate
    // (copied RTP timestamps need none): it writes as soon as a keyframe gives it the picture size (~0.3 s, not 1.2).
    args.push(
      '-analyzeduration',
      '1000000',
      '-fpsprobesize',
      '0',
      '-fflags',
      '+genpts',
      '-listen_timeout',
      String(INPUT_TIMEOUT_S),
      '-i',
      sdpFile,
      '-map',
      '0',
      '-c',
      'copy',
      // Written out packet by packet: the file's first bytes tell the recorder it began (see `fileBegun`).
      '-flush_packets',
      '1',
      '-y',
      outputFile,
    );
    this.child = spawn(FFMPEG_BIN, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    process.once('exit', this.killOrphan);
    this.child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_TAIL);
    });
    this.exited = new Promise<number | null>((resolve) => {
      this.child.once('error', (error) => {
        log.error('ffmpeg could not start (%s): is ffmpeg installed?', error.message);
        resolve(null);
      });
      this.child.once('exit', (code) => {
        // Ended by itself: its input timed out, or it failed — either way its own words say which.
        if (!this.stopAsked) log.warn('ffmpeg ended by itself (exit %s): %s', code, this.stderr);
        resolve(code);
      });
    }).finally(() => process.off('exit', this.killOrphan));
  }

  /** ffmpeg in its own group outlives the server unless killed: a server exiting without `stop()` kills it. */
  private readonly killOrphan = (): void => {
    this.child.kill('SIGKILL');
  };

  /**
   * Asks ffmpeg to finish the file (one SIGINT) and waits; after `timeoutMs` it is killed (the file may then be
   * cut). The bound leaves room for the input timeout when the media stopped before.
   */
  async stop(timeoutMs = 2_000 + INPUT_TIMEOUT_S * 1_000): Promise<number | null> {
    this.stopAsked = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGINT');
    const timer = setTimeout(() => {
      log.warn('stop() | ffmpeg did not finish in %d ms; killing it', timeoutMs);
      this.child.kill('SIGKILL');
    }, timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    // ffmpeg exits 255 after an interrupt that it handled; anything else is worth a look.
    if (code !== 0 && code !== 255) log.warn('stop() | ffmpeg exited %s: %s', code, this.stderr);
    return code;
  }
}
