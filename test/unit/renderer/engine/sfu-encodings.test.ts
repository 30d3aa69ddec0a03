// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CAMERA_ENCODINGS, spatialLayerFor } from '../../../../renderer/engine/sfu-encodings';
import { SfuReceiver } from '../../../../renderer/engine/sfu-receiver';
import { FakeMediaStream } from '../support/sfu-fakes';

describe('spatialLayerFor', () => {
  it('picks the smallest of 320/640/1280 that is at least as wide as the view', () => {
    expect([100, 320, 321, 640, 641, 1280, 4000].map((w) => spatialLayerFor(w, 3))).toEqual([0, 0, 1, 1, 2, 2, 2]);
  });

  it('has nothing to pick with one layer', () => {
    expect(spatialLayerFor(100, 1)).toBe(0);
  });

  it('the camera ladder is three layers, a quarter, half and full size, within ~2.2 Mbps in all', () => {
    expect(CAMERA_ENCODINGS.map((e) => e.scaleResolutionDownBy)).toEqual([4, 2, 1]);
    expect(CAMERA_ENCODINGS.reduce((sum, e) => sum + (e.maxBitrate ?? 0), 0)).toBeLessThanOrEqual(2_200_000);
  });
});

describe('SfuReceiver.stats', () => {
  it('maps inbound-rtp entries to peers and sources by track id, and leaves out unknown ones', () => {
    const receiver = new SfuReceiver(FakeMediaStream as unknown as typeof MediaStream);
    const consumer = (id: string, trackId: string, kind: 'audio' | 'video') =>
      ({
        id,
        producerId: `p-${id}`,
        localId: id,
        kind,
        track: { id: trackId, kind },
        close() {},
        rtpParameters: {},
      }) as never;
    receiver.add(consumer('c1', 'tv', 'video'), 'ana', 'cam');
    receiver.add(consumer('c2', 'ta', 'audio'), 'ana', 'mic');
    receiver.add(consumer('c3', 'ts', 'video'), 'bo', 'screen');
    const stats = receiver.stats([
      {
        type: 'inbound-rtp',
        kind: 'video',
        trackIdentifier: 'tv',
        framesDecoded: 10,
        frameWidth: 320,
        packetsReceived: 5,
      },
      { type: 'inbound-rtp', kind: 'audio', trackIdentifier: 'ta', packetsReceived: 7, audioLevel: 0.2 },
      { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'ts', framesDecoded: 3, frameWidth: 1280 },
      { type: 'inbound-rtp', kind: 'video', trackIdentifier: 'gone', framesDecoded: 99 },
      { type: 'transport' },
    ]);
    expect(
      stats.map((s) => `${s.peerId}/${s.kind}/${s.trackKind}/${s.frameWidth}/${s.packetsReceived}`).sort(),
    ).toEqual(['ana/cam/video/320/5', 'ana/mic/audio/0/7', 'bo/screen/video/1280/0']);
  });
});
