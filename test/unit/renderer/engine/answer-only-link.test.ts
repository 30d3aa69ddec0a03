// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import {
  AnswerOnlyLink,
  candidateFate,
  candidateUfrag,
  sdpUfrag,
  type AnswerSignal,
} from '../../../../renderer/engine/answer-only-link';
import type { RemoteTrack } from '../../../../renderer/engine/types';
import { candidate, FakePeerConnection, offer, settle } from '../support/audio-session-fakes';
import { FakeStream, FakeTrack } from '../support/fake-media';

afterEach(() => {
  FakePeerConnection.made = [];
});

function link(mic: FakeTrack | null = new FakeTrack('audio')) {
  const asked: number[] = [];
  const l = new AnswerOnlyLink({
    peerId: 'device',
    iceServers: [{ urls: 'turn:turn.test:3478', username: 'u', credential: 'c' }],
    RTCPeerConnection: FakePeerConnection as unknown as typeof RTCPeerConnection,
    MediaStream: FakeStream as unknown as typeof MediaStream,
    microphone: async () => {
      asked.push(1);
      return mic as unknown as MediaStreamTrack | null;
    },
  });
  const pc = FakePeerConnection.made.at(-1)!;
  const sent: AnswerSignal[] = [];
  const tracks: string[] = [];
  l.on('signal', (s) => sent.push(s));
  l.on('track', (r: RemoteTrack) => tracks.push(`track:${r.peerId}/${r.kind}`));
  l.on('trackended', (r: RemoteTrack) => tracks.push(`ended:${r.peerId}/${r.kind}`));
  const kinds = () =>
    sent.map((s) => ('description' in s ? s.description.type : `candidate:${s.candidate?.candidate ?? 'end'}`));
  return { link: l, pc, sent, kinds, tracks, mic, asked };
}

describe('AnswerOnlyLink', () => {
  it('uses the ICE servers it was given', () => {
    const { pc } = link();
    expect(pc.config.iceServers).toEqual([{ urls: 'turn:turn.test:3478', username: 'u', credential: 'c' }]);
  });

  it('never creates an offer, not even when the browser asks for a negotiation or the microphone changes', async () => {
    const { link: l, pc } = link();
    pc.needNegotiation();
    await l.setMicrophone(new FakeTrack('audio') as unknown as MediaStreamTrack);
    await l.handleSignal({ description: offer() });
    pc.needNegotiation();
    await l.setMicrophone(null);
    await settle();
    expect(pc.calls).not.toContain('createOffer');
    expect(pc.calls.filter((c) => c.startsWith('setLocalDescription'))).toEqual(['setLocalDescription:answer']);
  });

  it('answers an offer with the microphone on the offered audio m-line, sending and receiving', async () => {
    const { link: l, pc, sent, mic } = link();
    await l.handleSignal({ description: offer() });
    expect(pc.calls).toEqual([
      'setRemoteDescription:offer:u1',
      `replaceTrack:${mic!.id}`,
      `createAnswer:sendrecv:${mic!.id}`,
      'setLocalDescription:answer',
    ]);
    expect(sent).toEqual([{ description: { type: 'answer', sdp: expect.stringContaining('a=sendrecv') } }]);
  });

  it('still answers sendrecv when there is no microphone, and a later one is sent without an offer', async () => {
    const { link: l, pc } = link(null);
    await l.handleSignal({ description: offer() });
    expect(pc.calls).toContain('createAnswer:sendrecv:none');
    const late = new FakeTrack('audio');
    await l.setMicrophone(late as unknown as MediaStreamTrack);
    expect(pc.transceivers[0]!.sender.track).toBe(late);
    expect(pc.calls).not.toContain('createOffer');
  });

  it('uses a microphone set before the offer instead of asking for one', async () => {
    const { link: l, pc, asked } = link();
    const given = new FakeTrack('audio');
    await l.setMicrophone(given as unknown as MediaStreamTrack);
    await l.handleSignal({ description: offer() });
    expect(asked).toEqual([]);
    expect(pc.transceivers[0]!.sender.track).toBe(given);
  });

  it('applies candidates that arrive before the offer once the offer is applied, in arrival order', async () => {
    const { link: l, pc } = link();
    await l.handleSignal({ candidate: candidate(5001) });
    await l.handleSignal({ candidate: candidate(5002) });
    expect(pc.calls).toEqual([]);
    await l.handleSignal({ description: offer() });
    expect(pc.calls.slice(0, 3)).toEqual([
      'setRemoteDescription:offer:u1',
      'addIceCandidate:5001 typ',
      'addIceCandidate:5002 typ',
    ]);
    await l.handleSignal({ candidate: candidate(5003) });
    expect(pc.calls.at(-1)).toBe('addIceCandidate:5003 typ');
  });

  it('handles signals one at a time: a candidate sent right behind the offer waits for it', async () => {
    const { link: l, pc } = link();
    await Promise.all([l.handleSignal({ description: offer() }), l.handleSignal({ candidate: candidate(5001) })]);
    expect(pc.calls.indexOf('addIceCandidate:5001 typ')).toBeGreaterThan(
      pc.calls.indexOf('setLocalDescription:answer'),
    );
  });

  it('sends its own candidates only after the answer they belong to', async () => {
    const { link: l, pc, kinds } = link();
    pc.gatherOnAnswer = ['candidate:9 1 udp 1 127.0.0.1 6001 typ host'];
    await l.handleSignal({ description: offer() });
    pc.gather('candidate:9 1 udp 1 127.0.0.1 6002 typ host');
    pc.gather(null);
    expect(kinds()).toEqual([
      'answer',
      'candidate:candidate:9 1 udp 1 127.0.0.1 6001 typ host',
      'candidate:candidate:9 1 udp 1 127.0.0.1 6002 typ host',
      'candidate:end',
    ]);
  });

  it("answers a renegotiation with an ICE restart, holding the new generation's candidates for it and dropping the old", async () => {
    const { link: l, pc, kinds, mic } = link();
    await l.handleSignal({ description: offer('u1') });
    // The restart's candidates can overtake nothing (signals are ordered), but a late one of the old generation can
    // still arrive after the new offer, and one of the new generation could come before it on a reordering relay.
    await l.handleSignal({ candidate: candidate(7001, 'u2', false) });
    expect(pc.calls).not.toContain('addIceCandidate:7001 typ');
    await l.handleSignal({ description: offer('u2') });
    await l.handleSignal({ candidate: candidate(5009, 'u1') });
    expect(l.answered).toBe(2);
    expect(kinds()).toEqual(['answer', 'answer']);
    const second = pc.calls.slice(pc.calls.indexOf('setRemoteDescription:offer:u2'));
    expect(second).toEqual([
      'setRemoteDescription:offer:u2',
      'addIceCandidate:7001 typ',
      `createAnswer:sendrecv:${mic!.id}`,
      'setLocalDescription:answer',
    ]);
    expect(pc.calls).not.toContain('addIceCandidate:5009 typ');
    expect(pc.calls).not.toContain('createOffer');
  });

  it('ignores an answer: this side never has an offer out', async () => {
    const { link: l, pc } = link();
    await l.handleSignal({ description: { type: 'answer', sdp: 'v=0\r\n' } });
    expect(pc.calls).toEqual([]);
  });

  it("reports the device's audio as the device's mic, once, and ended on close; close is safe twice", async () => {
    const { link: l, pc, tracks } = link();
    await l.handleSignal({ description: offer('u1') });
    await l.handleSignal({ description: offer('u2') });
    l.close();
    l.close();
    expect(tracks).toEqual(['track:device/mic', 'ended:device/mic']);
    expect(pc.calls.filter((c) => c === 'close')).toHaveLength(1);
    await l.handleSignal({ description: offer('u3') });
    expect(pc.calls.at(-1)).toBe('close');
  });

  it("getStats() gives the device's inbound audio as its mic", async () => {
    const { link: l, pc } = link();
    pc.inbound = { packetsReceived: 42, audioLevel: 0.3 };
    await expect(l.getStats()).resolves.toEqual([
      expect.objectContaining({
        peerId: 'device',
        kind: 'mic',
        trackKind: 'audio',
        packetsReceived: 42,
        audioLevel: 0.3,
      }),
    ]);
  });
});

describe('answer-only ICE decisions', () => {
  it('reads the ICE generation of a candidate from its field or its line, and of an SDP', () => {
    expect(candidateUfrag(candidate(1, 'abc', true))).toBe('abc');
    expect(candidateUfrag(candidate(1, 'xyz', false))).toBe('xyz');
    expect(candidateUfrag({ candidate: 'candidate:1 1 udp 1 127.0.0.1 1 typ host' })).toBeNull();
    expect(sdpUfrag(offer('Q9+x').sdp)).toBe('Q9+x');
    expect(sdpUfrag('v=0\r\n')).toBeNull();
  });

  it.each([
    { when: 'no description yet', state: { has: false, remote: null, past: [] }, c: candidate(1, 'u1'), fate: 'wait' },
    {
      when: 'it matches the description',
      state: { has: true, remote: 'u1', past: [] },
      c: candidate(1, 'u1'),
      fate: 'add',
    },
    {
      when: 'it has no generation',
      state: { has: true, remote: 'u1', past: [] },
      c: { candidate: 'candidate:1 1 udp 1 h 1 typ host' },
      fate: 'add',
    },
    {
      when: 'its restart offer is still to come',
      state: { has: true, remote: 'u1', past: [] },
      c: candidate(1, 'u2'),
      fate: 'wait',
    },
    {
      when: 'its generation is over',
      state: { has: true, remote: 'u2', past: ['u1'] },
      c: candidate(1, 'u1'),
      fate: 'drop',
    },
  ])('a candidate is $fate when $when', ({ state, c, fate }) => {
    expect(
      candidateFate(c, { hasRemoteDescription: state.has, remoteUfrag: state.remote, pastUfrags: new Set(state.past) }),
    ).toBe(fate);
  });
});
