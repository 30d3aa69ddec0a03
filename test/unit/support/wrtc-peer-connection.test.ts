// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { WrtcPeerConnection } from '../../support/wrtc-peer-connection';

const open: RTCPeerConnection[] = [];
afterEach(() => {
  for (const pc of open.splice(0)) pc.close();
});

function connection(): RTCPeerConnection {
  const pc = new WrtcPeerConnection();
  open.push(pc);
  return pc;
}

/** Resolves once `pc` has gathered its candidates (on loopback: host ones, in a few ms). */
function gathered(pc: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
  });
}

const sdpOf = (description: RTCSessionDescription | null) => description?.sdp ?? null;

describe('WrtcPeerConnection', () => {
  it('hands out the descriptions set through it, never libwebrtc’s (which gathering changes under the reader)', async () => {
    const pc = connection();
    pc.addTransceiver('audio');
    const offer = await pc.createOffer();
    await pc.setLocalDescription(offer);
    await gathered(pc);
    // libwebrtc's own local description has the gathered candidates by now; the copy is what was set.
    expect(pc.localDescription?.type).toBe('offer');
    expect(sdpOf(pc.localDescription)).toBe(offer.sdp);
    expect(sdpOf(pc.localDescription)).not.toMatch(/a=candidate/);
    expect(pc.localDescription?.toJSON()).toEqual({ type: 'offer', sdp: offer.sdp });
  });

  it('follows the pending and current descriptions through an offer, its answer, and a rolled-back offer', async () => {
    const a = connection();
    const b = connection();
    a.addTransceiver('audio');
    const offer = await a.createOffer();
    await a.setLocalDescription(offer);
    expect([sdpOf(a.pendingLocalDescription), a.currentLocalDescription]).toEqual([offer.sdp, null]);

    await b.setRemoteDescription(offer);
    expect([sdpOf(b.remoteDescription), sdpOf(b.pendingRemoteDescription)]).toEqual([offer.sdp, offer.sdp]);
    const answer = await b.createAnswer();
    await b.setLocalDescription(answer);
    expect([sdpOf(b.currentLocalDescription), sdpOf(b.currentRemoteDescription)]).toEqual([answer.sdp, offer.sdp]);
    expect([b.pendingLocalDescription, b.pendingRemoteDescription]).toEqual([null, null]);

    await a.setRemoteDescription(answer);
    expect([sdpOf(a.currentLocalDescription), sdpOf(a.currentRemoteDescription)]).toEqual([offer.sdp, answer.sdp]);
    expect([a.pendingLocalDescription, a.pendingRemoteDescription]).toEqual([null, null]);

    a.addTransceiver('video');
    const again = await a.createOffer();
    await a.setLocalDescription(again);
    expect(sdpOf(a.localDescription)).toBe(again.sdp);
    await a.setLocalDescription({ type: 'rollback' });
    expect([sdpOf(a.localDescription), a.pendingLocalDescription]).toEqual([offer.sdp, null]);
  });
});
