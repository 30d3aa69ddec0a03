// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StatsSampler } from '../../../../renderer/engine/stats-sampler';
import { readTrackStats, type StatsSource } from '../../../../renderer/engine/track-stats';

// A trimmed Chromium stats report: one received VP8 camera, one sent simulcast encoding, the selected pair.
function report(bytesReceived: number, packetsReceived: number, packetsLost: number): unknown[] {
  return [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
    {
      id: 'CP',
      type: 'candidate-pair',
      localCandidateId: 'L',
      remoteCandidateId: 'R',
      currentRoundTripTime: 0.012,
      availableOutgoingBitrate: 2_500_000,
    },
    { id: 'L', type: 'local-candidate', candidateType: 'host', protocol: 'udp' },
    { id: 'R', type: 'remote-candidate', candidateType: 'srflx', protocol: 'udp' },
    { id: 'C1', type: 'codec', mimeType: 'video/VP8' },
    {
      id: 'IN',
      type: 'inbound-rtp',
      kind: 'video',
      trackIdentifier: 'remote-cam',
      codecId: 'C1',
      ssrc: 11,
      frameWidth: 640,
      frameHeight: 480,
      framesPerSecond: 20,
      framesDecoded: 200,
      bytesReceived,
      packetsReceived,
      packetsLost,
      jitter: 0.004,
    },
    { id: 'MS', type: 'media-source', trackIdentifier: 'my-cam' },
    {
      id: 'OUT',
      type: 'outbound-rtp',
      kind: 'video',
      mediaSourceId: 'MS',
      rid: 'r2',
      codecId: 'C1',
      frameWidth: 1280,
      frameHeight: 720,
      framesPerSecond: 30,
      bytesSent: 1_000_000,
      packetsSent: 1000,
      qualityLimitationReason: 'bandwidth',
    },
    { id: 'RI', type: 'remote-inbound-rtp', localId: 'OUT', roundTripTime: 0.02, packetsLost: 3, jitter: 0.001 },
    { id: 'IN2', type: 'inbound-rtp', kind: 'audio', trackIdentifier: 'stale' },
  ];
}

const source = (entries: unknown[]): StatsSource => ({
  entries,
  ownerOf: ({ trackIdentifier }) =>
    trackIdentifier === 'remote-cam' ? { peerId: 'ana', kind: 'cam', layer: { spatial: 2, temporal: 1 } } : undefined,
});
const localKindOf = (id: string) => (id === 'my-cam' ? ('cam' as const) : undefined);

describe('readTrackStats', () => {
  it('reads a received and a sent stream with codec, size, fps, jitter, RTT, layer and the selected pair', () => {
    const [inbound, outbound, ...rest] = readTrackStats(source(report(5000, 50, 0)), localKindOf);
    expect(rest).toEqual([]);
    const pair = {
      localType: 'host',
      remoteType: 'srflx',
      protocol: 'udp',
      rttMs: 12,
      availableOutgoingKbps: 2500,
      availableIncomingKbps: null,
    };
    expect(inbound).toMatchObject({
      direction: 'in',
      peerId: 'ana',
      kind: 'cam',
      trackKind: 'video',
      codec: 'VP8',
      frameWidth: 640,
      frameHeight: 480,
      framesPerSecond: 20,
      jitterMs: 4,
      rttMs: 12,
      layer: { spatial: 2, temporal: 1 },
      pair,
    });
    expect(outbound).toMatchObject({
      direction: 'out',
      peerId: null,
      kind: 'cam',
      rid: 'r2',
      frameWidth: 1280,
      framesPerSecond: 30,
      rttMs: 20,
      packetsLost: 3,
      qualityLimitationReason: 'bandwidth',
    });
  });
});

describe('StatsSampler', () => {
  afterEach(() => void vi.useRealTimers());

  it('computes bitrate and loss from the change between samples and keeps only the last minute', async () => {
    let now = 0;
    const reports = [report(0, 0, 0), report(125_000, 90, 10)];
    let i = 0;
    const sampler = new StatsSampler({
      sources: async () => [source(reports[Math.min(i++, 1)]!)],
      localKindOf,
      now: () => now,
      historyMs: 60_000,
    });
    sampler.start();
    await sampler.sampleNow();
    now = 1000;
    const second = await sampler.sampleNow();
    const cam = second?.tracks.find((t) => t.direction === 'in');
    expect(cam?.bitrateKbps).toBe(1000);
    expect(cam?.lossPct).toBe(10);
    for (now = 2000; now <= 70_000; now += 1000) await sampler.sampleNow();
    expect(sampler.history.length).toBe(61);
    expect(sampler.history[0]?.at).toBe(10_000);
    sampler.stop();
    expect(sampler.history).toEqual([]);
    expect(await sampler.sampleNow()).toBeUndefined();
  });
});
