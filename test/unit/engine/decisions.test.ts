// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../renderer/engine/backoff';
import { isPolite, sdpFingerprint, shouldIgnoreOffer } from '../../../renderer/engine/negotiation';
import { diffMembers } from '../../../renderer/engine/roster';
import { extractInboundStats } from '../../../renderer/engine/stats';
import { primaryTrack, publishKindOf, tracksFor, wireGroupOf } from '../../../renderer/engine/stream-kinds';
import type { Member } from '../../../common/protocol';

describe('polite role', () => {
  it('exactly one of two peers is polite, and both sides agree without talking', () => {
    for (const [a, b] of [
      ['p1', 'p2'],
      ['zz', 'a'],
      ['Ab', 'ab'],
      ['x-1', 'x_1'],
    ]) {
      expect(isPolite(a!, b!)).not.toBe(isPolite(b!, a!));
    }
  });

  it('rejects negotiating with itself', () => {
    expect(() => isPolite('p1', 'p1')).toThrow(TypeError);
  });
});

describe('perfect negotiation: what to do with an incoming description', () => {
  const base = {
    polite: false,
    makingOffer: false,
    signalingState: 'stable' as RTCSignalingState,
    settingRemoteAnswerPending: false,
  };

  it('an offer in a stable state is applied by either side', () => {
    expect(shouldIgnoreOffer({ ...base, type: 'offer' })).toBe(false);
    expect(shouldIgnoreOffer({ ...base, type: 'offer', polite: true })).toBe(false);
  });

  it('on glare (our offer in flight) the impolite side ignores the offer and the polite side yields', () => {
    expect(shouldIgnoreOffer({ ...base, type: 'offer', makingOffer: true })).toBe(true);
    expect(shouldIgnoreOffer({ ...base, type: 'offer', signalingState: 'have-local-offer' })).toBe(true);
    expect(shouldIgnoreOffer({ ...base, type: 'offer', signalingState: 'have-local-offer', polite: true })).toBe(false);
  });

  it('an offer that arrives while our remote answer is being applied is not a collision', () => {
    expect(
      shouldIgnoreOffer({
        ...base,
        type: 'offer',
        signalingState: 'have-local-offer',
        settingRemoteAnswerPending: true,
      }),
    ).toBe(false);
  });

  it('answers are never ignored', () => {
    expect(shouldIgnoreOffer({ ...base, type: 'answer', signalingState: 'have-local-offer', makingOffer: true })).toBe(
      false,
    );
  });
});

describe('DTLS fingerprint', () => {
  it('is read from the SDP, case-insensitively, and is null when absent', () => {
    const sdp = 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-256 AB:CD:EF\r\n';
    expect(sdpFingerprint(sdp)).toBe('sha-256 ab:cd:ef');
    expect(sdpFingerprint('v=0\r\n')).toBeNull();
    expect(sdpFingerprint(undefined)).toBeNull();
  });
});

describe('reconnect backoff', () => {
  const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

  it('doubles from the initial delay and stays at the cap forever', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, noJitter))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    expect(backoffDelay(10_000, noJitter)).toBe(10_000);
  });

  it('jitter only shortens a delay, by at most the jitter fraction', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(4000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.999999)).toBe(2000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(20, DEFAULT_BACKOFF);
      expect(d).toBeGreaterThanOrEqual(5000);
      expect(d).toBeLessThanOrEqual(10_000);
    }
  });

  it('never returns NaN or a negative delay for odd inputs', () => {
    for (const n of [-1, 0.5, Number.MAX_SAFE_INTEGER, Infinity]) {
      const d = backoffDelay(n, { initialMs: 100, maxMs: 1000, factor: 3, jitter: 2 }, () => 1);
      expect(Number.isFinite(d) && d >= 0).toBe(true);
    }
  });
});

describe('stream → kind mapping', () => {
  it("an audio track in a 'cam' stream is the mic; video in it is the camera", () => {
    expect(publishKindOf('cam', 'audio')).toBe('mic');
    expect(publishKindOf('cam', 'video')).toBe('cam');
  });

  it("everything in a 'screen' stream is the screen, its audio included", () => {
    expect(publishKindOf('screen', 'video')).toBe('screen');
    expect(publishKindOf('screen', 'audio')).toBe('screen');
  });

  it('a stream the sender never described falls back on the media kind', () => {
    expect(publishKindOf(undefined, 'audio')).toBe('mic');
    expect(publishKindOf(undefined, 'video')).toBe('cam');
  });

  it('the mic rides in the camera stream on the wire; the screen has its own', () => {
    expect([wireGroupOf('cam'), wireGroupOf('mic'), wireGroupOf('screen')]).toEqual(['cam', 'cam', 'screen']);
  });

  it('a publish takes only the tracks of its kind from a stream', () => {
    const v = { kind: 'video' };
    const a = { kind: 'audio' };
    const v2 = { kind: 'video' };
    expect(tracksFor('cam', [a, v, v2])).toEqual([v]);
    expect(tracksFor('mic', [v, a])).toEqual([a]);
    expect(tracksFor('screen', [a, v])).toEqual([v, a]);
    expect(tracksFor('mic', [v])).toEqual([]);
    expect(primaryTrack('screen', [a, v])).toBe(v);
    expect(primaryTrack('mic', [a])).toBe(a);
  });
});

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

describe('member diff after a rejoin', () => {
  const m = (peerId: string, published: Member['published'] = []): Member => ({
    peerId,
    displayName: peerId,
    role: 'presenter',
    published,
  });

  it('reports who left, who is new, and which publishes changed for those who stayed', () => {
    const diff = diffMembers([m('a', ['cam']), m('b', ['mic'])], [m('a', ['cam', 'screen']), m('c')]);
    expect(diff).toEqual({ left: ['b'], joined: [m('c')], published: [['a', 'screen']], unpublished: [] });
    expect(diffMembers([m('a', ['cam'])], [m('a')]).unpublished).toEqual([['a', 'cam']]);
  });
});
