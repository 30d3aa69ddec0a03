// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { recordingExtension, recordingSdp } from '../../../../server/recording/recording-sdp';

const vp8 = { mid: '0', codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] };
const opus = {
  mid: '1',
  codecs: [
    { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 } },
  ],
};
const h264 = { mid: '0', codecs: [{ mimeType: 'video/H264', payloadType: 102, clockRate: 90000 }] };

describe('recordingSdp', () => {
  it('describes each stream on its own port, RTCP on the next, with the consumer codec', () => {
    const sdp = recordingSdp([
      { kind: 'video', port: 20000, rtpParameters: vp8 },
      { kind: 'audio', port: 20002, rtpParameters: opus },
    ]);
    expect(sdp.split('\r\n')).toEqual(
      expect.arrayContaining([
        'm=video 20000 RTP/AVPF 101',
        'a=rtcp:20001',
        'a=rtpmap:101 VP8/90000',
        'm=audio 20002 RTP/AVPF 100',
        'a=rtpmap:100 opus/48000/2',
        'a=fmtp:100 useinbandfec=1',
      ]),
    );
  });

  it('throws for a stream without a codec', () => {
    expect(() => recordingSdp([{ kind: 'video', port: 1, rtpParameters: { codecs: [] } }])).toThrow(TypeError);
  });
});

describe('recordingExtension', () => {
  it('picks WebM for VP8 and Opus, Matroska for H264', () => {
    expect(
      recordingExtension([
        { kind: 'video', port: 1, rtpParameters: vp8 },
        { kind: 'audio', port: 3, rtpParameters: opus },
      ]),
    ).toBe('webm');
    expect(recordingExtension([{ kind: 'video', port: 1, rtpParameters: h264 }])).toBe('mkv');
  });
});
