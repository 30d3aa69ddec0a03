// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isPolite, sdpFingerprint, shouldIgnoreOffer } from '../../../../renderer/engine/negotiation';

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
