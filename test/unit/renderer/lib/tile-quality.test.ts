// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { StatsSnapshot, TrackSample } from '../../../../renderer/engine/stats-sampler';
import { statsFileName } from '../../../../renderer/lib/stats-export';
import { receivedFigures } from '../../../../renderer/lib/tile-quality';

const pair = {
  localType: 'host',
  remoteType: 'host',
  protocol: 'udp',
  rttMs: 2,
  availableOutgoingKbps: null,
  availableIncomingKbps: 900,
};
const track = (over: Partial<TrackSample>): TrackSample =>
  ({
    direction: 'in',
    peerId: 'ana',
    kind: 'cam',
    trackKind: 'video',
    rttMs: 2,
    lossPct: 0,
    jitterMs: 3,
    pair,
    ...over,
  }) as TrackSample;

describe('receivedFigures', () => {
  const snapshot: StatsSnapshot = {
    at: 0,
    tracks: [
      track({}),
      track({ kind: 'mic', trackKind: 'audio', lossPct: 4, jitterMs: 12 }),
      track({ kind: 'screen', lossPct: 30 }),
      track({ peerId: 'bo', lossPct: 50 }),
      track({ direction: 'out', peerId: null, lossPct: 70 }),
    ],
  };

  it("takes the worst of a person's camera and microphone for their camera tile, ignoring others and what we send", () => {
    expect(receivedFigures(snapshot, 'ana', 'cam')).toEqual({ rttMs: 2, lossPct: 4, jitterMs: 12, availableKbps: 900 });
  });

  it('judges a screen tile by the screen alone, and gives null when nothing arrives from that person', () => {
    expect(receivedFigures(snapshot, 'ana', 'screen')?.lossPct).toBe(30);
    expect(receivedFigures(snapshot, 'cy', 'cam')).toBeNull();
    expect(receivedFigures(undefined, 'ana', 'cam')).toBeNull();
  });
});

describe('statsFileName', () => {
  it('names the export moim-stats-<room>-<UTC time>.json with nothing unsafe for a file name', () => {
    expect(statsFileName('r0om-1', new Date('2026-12-06T04:05:06.789Z'))).toBe(
      'moim-stats-r0om-1-2026-12-06T04-05-06-789Z.json',
    );
    expect(statsFileName('../x/y', new Date(0))).toMatch(/^moim-stats-xy-/);
  });
});
