// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { extractInboundStats } from '../../../../renderer/engine/stats';

describe('inbound stats extraction', () => {
  const report = [
    {
      type: 'inbound-rtp',
      kind: 'video',
      trackIdentifier: 'tv',
      framesDecoded: 42,
      frameWidth: 640,
      frameHeight: 480,
      packetsReceived: 300,
      bytesReceived: 90_000,
    },
    {
      type: 'inbound-rtp',
      kind: 'audio',
      trackIdentifier: 'ta',
      packetsReceived: 500,
      audioLevel: 0.25,
      bytesReceived: 20_000,
    },
    { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'stale', framesDecoded: 9 },
    { type: 'inbound-rtp', mediaType: 'video', mid: '3', framesDecoded: 1 },
    { type: 'outbound-rtp', kind: 'video', framesEncoded: 10 },
    { type: 'codec', mimeType: 'video/VP8' },
    null,
  ];
  const kinds: Record<string, 'cam' | 'mic' | 'screen'> = { tv: 'cam', ta: 'mic', '3': 'screen' };

  it('keeps the inbound-rtp entries of known tracks, labelled by peer and kind, with missing figures as 0', () => {
    const stats = extractInboundStats('p9', report, ({ trackIdentifier, mid }) => kinds[trackIdentifier ?? mid ?? '']);
    expect(stats).toEqual([
      {
        peerId: 'p9',
        kind: 'cam',
        trackKind: 'video',
        framesDecoded: 42,
        frameWidth: 640,
        frameHeight: 480,
        packetsReceived: 300,
        audioLevel: 0,
        bytesReceived: 90_000,
      },
      {
        peerId: 'p9',
        kind: 'mic',
        trackKind: 'audio',
        framesDecoded: 0,
        frameWidth: 0,
        frameHeight: 0,
        packetsReceived: 500,
        audioLevel: 0.25,
        bytesReceived: 20_000,
      },
      {
        peerId: 'p9',
        kind: 'screen',
        trackKind: 'video',
        framesDecoded: 1,
        frameWidth: 0,
        frameHeight: 0,
        packetsReceived: 0,
        audioLevel: 0,
        bytesReceived: 0,
      },
    ]);
  });
});
