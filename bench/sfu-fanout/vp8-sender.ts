import type { Socket } from 'node:dgram';

/** The synthetic camera: frame rate, packets per frame, RTP payload size and the RTP identity. */
export interface Vp8StreamOptions {
  ssrc: number;
  payloadType: number;
  fps: number;
  packetsPerFrame: number;
  /** Bytes of RTP payload per packet (VP8 descriptor included). */
  payloadBytes: number;
}

const RTCP_PSFB = 206;
const FMT_PLI = 1;
const FMT_FIR = 4;
const DESCRIPTOR_BYTES = 6;
/**
 * A real 64×64 VP8 keyframe and a delta frame that changes nothing, encoded once by libvpx (ffmpeg), so real
 * WebRTC receivers decode the stream; the rest of each frame is zero padding, which the decoder never reads.
 */
const KEYFRAME = Buffer.from(
  'd003009d012a4000400000470885858885848802020275aa03f803f802071a4fc82d484c01563000fefbb02bff7ed2e0fdc7ff4dbffb76698c7efee4c0',
  'hex',
);
const DELTA_FRAME = Buffer.from('d1010001101000180018582ff400088e8000', 'hex');

/**
 * Sends VP8 over RTP the way a real encoder's packetizer does: an extended VP8 payload descriptor (15-bit
 * picture id, TL0PICIDX, TID) on every packet, the start bit on each frame's first packet, and a keyframe first
 * and whenever the SFU asks with PLI or FIR. Frames have a fixed size (the load), and decode: a tiny real frame
 * at the start of the first packet, padded.
 */
export class Vp8Sender {
  /** RTP packets sent so far. */
  sent = 0;
  /** Frames skipped because their time had passed (the process was not scheduled): a camera drops them too. */
  skippedFrames = 0;
  /** Keyframes sent so far. */
  keyframes = 0;
  target = { address: '127.0.0.1', port: 0 };
  private seq = 1;
  private timestamp = 1000;
  private pictureId = 0;
  private keyframeWanted = true;

  constructor(
    private readonly socket: Socket,
    private readonly options: Vp8StreamOptions,
  ) {
    if (options.payloadBytes < DESCRIPTOR_BYTES + KEYFRAME.length)
      throw new TypeError(`payloadBytes must be at least ${DESCRIPTOR_BYTES + KEYFRAME.length}`);
    socket.on('message', (packet) => {
      if (Vp8Sender.asksForKeyframe(packet)) this.keyframeWanted = true;
    });
  }

  /** True for a compound RTCP packet that contains a PLI or a FIR. */
  static asksForKeyframe(packet: Buffer): boolean {
    for (let offset = 0; offset + 4 <= packet.length; offset += (packet.readUInt16BE(offset + 2) + 1) * 4) {
      const fmt = packet[offset]! & 0x1f;
      if (packet[offset + 1] === RTCP_PSFB && (fmt === FMT_PLI || fmt === FMT_FIR)) return true;
    }
    return false;
  }

  /**
   * Streams for `frames / fps` seconds, one frame per slot. When the process was not scheduled in time,
   * the late slots are skipped rather than sent in a burst: a real camera and pacer don't burst either.
   */
  async stream(frames: number): Promise<void> {
    const start = process.hrtime.bigint();
    let slot = 0;
    while (slot < frames) {
      const due = Math.min(frames, Math.floor((Number(process.hrtime.bigint() - start) / 1e9) * this.options.fps) + 1);
      if (due > slot + 1) {
        this.skippedFrames += due - 1 - slot;
        slot = due - 1;
      }
      if (due > slot) {
        this.frame();
        slot++;
      }
      if (slot < frames) await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  /**
   * The RTP timestamp the next frame will carry. Packets from that frame on have a timestamp at or after it:
   * a window's start that a receiver can check in the RTP header, which SRTP leaves in clear and mediasoup's
   * consumers pass on unchanged (they rewrite SSRC and sequence numbers only).
   */
  get nextTimestamp(): number {
    return this.timestamp;
  }

  /** True when RTP timestamp `ts` is at or after `from`, modulo 2^32 (as RTP compares them). */
  static timestampAtOrAfter(ts: number, from: number): boolean {
    return (ts - from) >>> 0 < 0x80000000;
  }

  private frame(): void {
    const { packetsPerFrame, payloadBytes, fps } = this.options;
    const key = this.keyframeWanted;
    this.keyframeWanted = false;
    if (key) this.keyframes++;
    this.pictureId = (this.pictureId + 1) & 0x7fff;
    for (let i = 0; i < packetsPerFrame; i++)
      this.send(this.packet(i === 0, i === packetsPerFrame - 1, key, payloadBytes));
    this.timestamp = (this.timestamp + 90_000 / fps) >>> 0;
  }

  private packet(first: boolean, last: boolean, key: boolean, payloadBytes: number): Buffer {
    const packet = Buffer.alloc(12 + payloadBytes);
    packet[0] = 0x80; // RTP version 2
    packet[1] = (last ? 0x80 : 0) | this.options.payloadType; // marker on the frame's last packet
    packet.writeUInt16BE(this.seq, 2);
    this.seq = (this.seq + 1) & 0xffff;
    packet.writeUInt32BE(this.timestamp, 4);
    packet.writeUInt32BE(this.options.ssrc, 8);
    // VP8 payload descriptor (RFC 7741): X=1, S on the first packet, partition 0; I, L, T present.
    packet[12] = 0x80 | (first ? 0x10 : 0);
    packet[13] = 0xe0;
    packet[14] = 0x80 | (this.pictureId >> 8);
    packet[15] = this.pictureId & 0xff;
    packet[16] = this.pictureId & 0xff; // TL0PICIDX: every frame is on temporal layer 0
    packet[17] = 0x20; // TID 0, Y=1
    // The frame's data starts in its first packet; the VP8 header there says keyframe or not.
    if (first) (key ? KEYFRAME : DELTA_FRAME).copy(packet, 12 + DESCRIPTOR_BYTES);
    return packet;
  }

  private send(packet: Buffer): void {
    this.socket.send(packet, this.target.port, this.target.address);
    this.sent++;
  }
}
