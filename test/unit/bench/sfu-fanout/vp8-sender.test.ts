// @vitest-environment node
import type { Socket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { Vp8Sender } from '../../../../bench/sfu-fanout/vp8-sender';

/** A socket that keeps what is sent instead of sending it. */
function fakeSocket(): { socket: Socket; sent: Buffer[] } {
  const sent: Buffer[] = [];
  const socket = { on: () => socket, send: (packet: Buffer) => void sent.push(Buffer.from(packet)) };
  return { socket: socket as unknown as Socket, sent };
}

const OPTIONS = { ssrc: 0x11223344, payloadType: 101, fps: 30, packetsPerFrame: 3, payloadBytes: 800 };
const VP8_START_CODE = '9d012a';

describe('Vp8Sender', () => {
  it('starts a window at nextTimestamp: every packet sent after it reads at or after it, every one before, not', async () => {
    const { socket, sent } = fakeSocket();
    const sender = new Vp8Sender(socket, OPTIONS);
    await sender.stream(2);
    const from = sender.nextTimestamp;
    await sender.stream(2);
    const atOrAfter = sent.map((p) => Vp8Sender.timestampAtOrAfter(p.readUInt32BE(4), from));
    expect(atOrAfter).toEqual([false, false, false, false, false, false, true, true, true, true, true, true]);
  });

  it('compares timestamps across the 2^32 wrap as RTP does', () => {
    expect(Vp8Sender.timestampAtOrAfter(5, 0xfffffff0)).toBe(true);
    expect(Vp8Sender.timestampAtOrAfter(0xfffffff0, 5)).toBe(false);
    expect(Vp8Sender.timestampAtOrAfter(7, 7)).toBe(true);
  });

  it("sends a real VP8 keyframe first, then delta frames, at the start of each frame's first packet", async () => {
    const { socket, sent } = fakeSocket();
    await new Vp8Sender(socket, OPTIONS).stream(2);
    const frameData = (p: Buffer) => p.subarray(12 + 6);
    expect(frameData(sent[0]!)[0]! & 0x01).toBe(0); // P bit 0: keyframe
    expect(frameData(sent[0]!).subarray(3, 6).toString('hex')).toBe(VP8_START_CODE);
    expect(frameData(sent[3]!)[0]! & 0x01).toBe(1);
    expect(sent.every((p) => p.length === 12 + OPTIONS.payloadBytes)).toBe(true);
  });

  it('rejects a payload too small for the keyframe', () => {
    expect(() => new Vp8Sender(fakeSocket().socket, { ...OPTIONS, payloadBytes: 40 })).toThrow(TypeError);
  });
});
