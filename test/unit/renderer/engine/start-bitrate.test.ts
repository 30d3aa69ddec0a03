// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { SCREEN_START_KBPS, VIDEO_START_KBPS } from '../../../../common/media';
import { linkStartBitrate, withStartBitrate } from '../../../../renderer/engine/start-bitrate';

/** The shape of a Chromium offer: audio, then video with VP8 (fmtp-less), its rtx, and H264 with an fmtp line. */
const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 45',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack pli',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:45 AV1/90000',
  'a=fmtp:45 level-idx=5;profile=0;tier=0;x-google-start-bitrate=2500',
  '',
].join('\r\n');

describe('withStartBitrate', () => {
  const out = withStartBitrate(OFFER, 1000).split('\r\n');

  it('gives every picture codec of a video section the start bitrate: on its fmtp line, or a new one', () => {
    expect(out).toContain('a=fmtp:96 x-google-start-bitrate=1000');
    expect(out.indexOf('a=fmtp:96 x-google-start-bitrate=1000')).toBe(out.indexOf('a=rtpmap:96 VP8/90000') + 1);
    expect(out).toContain(
      'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f;x-google-start-bitrate=1000',
    );
  });

  it('leaves repair streams, audio and a start bitrate already set alone, and keeps the line endings', () => {
    expect(out).toContain('a=fmtp:97 apt=96');
    expect(out).toContain('a=fmtp:111 minptime=10;useinbandfec=1');
    expect(out).toContain('a=fmtp:45 level-idx=5;profile=0;tier=0;x-google-start-bitrate=2500');
    expect(out.filter((l) => l.includes('x-google-start-bitrate'))).toHaveLength(3);
    expect(withStartBitrate(OFFER, 1000).endsWith('\r\n')).toBe(true);
  });

  it('applying it twice changes nothing more, and an SDP without video is returned as it was', () => {
    const once = withStartBitrate(OFFER, 1000);
    expect(withStartBitrate(once, 1000)).toBe(once);
    const audioOnly = OFFER.split('m=video')[0]!;
    expect(withStartBitrate(audioOnly, 1000)).toBe(audioOnly);
  });
});

describe('linkStartBitrate', () => {
  const rate = (sdp: string) => /x-google-start-bitrate=(\d+)/.exec(sdp)?.[1];

  it('starts a link made while sharing a screen higher, and keeps its first choice for the whole link', () => {
    let sharing = true;
    const sharingLink = linkStartBitrate(() => sharing);
    expect(rate(sharingLink(OFFER))).toBe(String(SCREEN_START_KBPS));
    sharing = false;
    expect(rate(sharingLink(OFFER))).toBe(String(SCREEN_START_KBPS));

    const cameraLink = linkStartBitrate(() => sharing);
    expect(rate(cameraLink(OFFER))).toBe(String(VIDEO_START_KBPS));
    sharing = true;
    expect(rate(cameraLink(OFFER))).toBe(String(VIDEO_START_KBPS));
  });
});
