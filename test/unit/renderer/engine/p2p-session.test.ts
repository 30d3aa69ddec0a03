// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishKind } from '../../../../common/protocol';
import { P2PMesh, until } from '../support/p2p-mesh';
import { fakeAudioTrack, fakeVideoTrack } from '../support/wrtc';

// Real peer connections (libwebrtc through @roamhq/wrtc) between P2P sessions; only signaling is in memory.

const stops: (() => void)[] = [];
function video(): MediaStreamTrack {
  const { track, stop } = fakeVideoTrack();
  stops.push(stop);
  return track;
}
function audio(): MediaStreamTrack {
  const { track, stop } = fakeAudioTrack();
  stops.push(stop);
  return track;
}
function local(entries: [PublishKind, MediaStreamTrack[]][] = []): Map<PublishKind, MediaStreamTrack[]> {
  return new Map(entries);
}

let mesh: P2PMesh;
afterEach(() => {
  mesh?.close();
  for (const stop of stops.splice(0)) stop();
});

// Real peer connections, among the other test files vitest runs at once: a test's own waits (up to 18 s in all) bound
// it, not vitest's 5 s default, which a fresh-clone run saw one of them pass while still working.
describe('P2PSession over real peer connections', { timeout: 30_000 }, () => {
  it('a newcomer with nothing published receives the camera of a member already sending, and decodes it', async () => {
    mesh = new P2PMesh();
    await mesh.join('a', local([['cam', [video()]]]));
    await mesh.join('b');
    await until(() => mesh.labels('b', 'a').includes('cam/video'), 5000, 'b to get a/cam');
    await until(
      async () => (await mesh.stats('b')).some((s) => s.peerId === 'a' && s.kind === 'cam' && s.framesDecoded > 0),
      8000,
      'frames',
    );
    expect(mesh.labels('a', 'b')).toEqual([]);
    // The viewer's first offer had room for the camera: one offer/answer, no second round.
    expect(mesh.descriptions.map((d) => `${d.from}→${d.to} ${d.type}`)).toEqual(['b→a offer', 'a→b answer']);
  });

  it('start() resolves once the first offer to each member is out, so the room view renders after it, not before', async () => {
    mesh = new P2PMesh();
    await mesh.join('a', local([['cam', [video()]]]));
    await mesh.join('m', local([['cam', [video()]]]));
    const before = mesh.descriptions.length;
    await mesh.join('b');
    const offers = mesh.descriptions.slice(before).filter((d) => d.from === 'b' && d.type === 'offer');
    expect(offers.map((d) => d.to).sort()).toEqual(['a', 'm']);
  });

  it('a publishing newcomer reaches a member who publishes nothing (that member never offers first)', async () => {
    mesh = new P2PMesh();
    await mesh.join('z-viewer');
    await mesh.join('a-presenter', local([['cam', [video()]]]));
    await until(() => mesh.labels('z-viewer', 'a-presenter').includes('cam/video'), 5000, 'viewer to get the camera');
  });

  it('two peers that publish at the same instant both receive each other (glare converges), every time', async () => {
    for (let round = 0; round < 5; round++) {
      mesh = new P2PMesh();
      const a = await mesh.join('a');
      const b = await mesh.join('b');
      await until(() => mesh.descriptions.length >= 2, 5000, 'the initial exchange');
      // Same tick: both sides get negotiationneeded and offer at once.
      void a.session.publish('cam', [video()]);
      void b.session.publish('cam', [video()]);
      await until(
        () => mesh.labels('a', 'b').includes('cam/video') && mesh.labels('b', 'a').includes('cam/video'),
        5000,
        `round ${round}`,
      );
      expect([...a.errors, ...b.errors]).toEqual([]);
      mesh.close();
    }
  });

  it("labels the mic (riding in the camera's stream) and the screen (its own stream) by the sender's stream map", async () => {
    mesh = new P2PMesh();
    await mesh.join(
      'a',
      local([
        ['cam', [video()]],
        ['mic', [audio()]],
        ['screen', [video()]],
      ]),
    );
    await mesh.join('b');
    await until(() => mesh.labels('b', 'a').length === 3, 5000, 'three tracks');
    expect(mesh.labels('b', 'a')).toEqual(['cam/video', 'mic/audio', 'screen/video']);
    const live = mesh.peers.get('b')?.live ?? [];
    const stream = (kind: PublishKind) => live.find((t) => t.kind === kind)?.stream;
    expect(stream('cam')).toBe(stream('mic'));
    expect(stream('screen')).not.toBe(stream('cam'));
  });

  it('unpublish ends the track on the other side, and publishing again brings it back on the same m-line', async () => {
    mesh = new P2PMesh();
    const a = await mesh.join('a', local([['screen', [video()]]]));
    await mesh.join('b');
    await until(() => mesh.labels('b', 'a').includes('screen/video'), 5000, 'screen');
    await a.session.unpublish('screen');
    await until(() => mesh.labels('b', 'a').length === 0, 5000, 'trackended');
    const mLinesBefore = mesh.descriptions.at(-1)?.mLines;
    await a.session.publish('screen', [video()]);
    await until(() => mesh.labels('b', 'a').includes('screen/video'), 5000, 'screen again');
    expect(mesh.descriptions.at(-1)?.mLines).toBe(mLinesBefore);
  });

  it('replacing a published track with another of the same kind does not renegotiate', async () => {
    mesh = new P2PMesh();
    const a = await mesh.join('a', local([['cam', [video()]]]));
    await mesh.join('b');
    await until(() => mesh.labels('b', 'a').includes('cam/video'), 5000, 'camera');
    await new Promise((r) => setTimeout(r, 200));
    const before = mesh.descriptions.length;
    await a.session.publish('cam', [video()]);
    await new Promise((r) => setTimeout(r, 300));
    expect(mesh.descriptions.length).toBe(before);
    expect(mesh.labels('b', 'a')).toEqual(['cam/video']);
  });

  it('a peer leaving ends all of its tracks and closes only its connection', async () => {
    mesh = new P2PMesh();
    await mesh.join('a', local([['cam', [video()]]]));
    await mesh.join('b', local([['cam', [video()]]]));
    await mesh.join('c');
    await until(() => mesh.labels('c', 'a').length === 1 && mesh.labels('c', 'b').length === 1, 5000, 'c to get both');
    mesh.leave('a');
    await until(() => mesh.labels('c', 'a').length === 0, 2000, 'a/cam to end at c');
    expect(mesh.labels('c', 'b')).toEqual(['cam/video']);
    await until(async () => (await mesh.stats('c')).every((s) => s.peerId === 'b'), 2000, 'stats only for b');
  });

  it('every member of a three-peer mesh receives the two others', async () => {
    mesh = new P2PMesh();
    for (const id of ['a', 'b', 'c']) await mesh.join(id, local([['cam', [video()]]]));
    for (const id of ['a', 'b', 'c']) {
      for (const other of ['a', 'b', 'c'].filter((o) => o !== id)) {
        await until(() => mesh.labels(id, other).includes('cam/video'), 5000, `${id} to get ${other}`);
      }
    }
  });

  it('a viewer that comes back with a new connection under the same id gets the media again (kiosk reconnect)', async () => {
    mesh = new P2PMesh();
    const a = await mesh.join('a', local([['cam', [video()]]]));
    await mesh.join('b');
    await until(() => mesh.labels('b', 'a').length === 1, 5000, 'first link');
    // The others never hear peerLeft/peerJoined; only the new DTLS fingerprint in b's offer tells a.
    await mesh.rejoinSilently('b');
    await until(() => mesh.labels('b', 'a').includes('cam/video'), 5000, 'new b to get a again');
    await until(async () => (await mesh.stats('b')).some((s) => s.framesDecoded > 0), 8000, 'new b to decode');
    expect(a.errors).toEqual([]);
  });

  it('an answer lost in transit does not stall negotiation: the offer goes out again and later changes still flow', async () => {
    mesh = new P2PMesh(300);
    const a = await mesh.join('a');
    await mesh.join('b');
    await until(() => mesh.descriptions.length >= 2, 5000, 'the initial exchange');
    mesh.lose.push('b→a answer');
    await a.session.publish('cam', [video()]);
    // b labels the camera as it applies the offer, which can be before its answer goes out (and is lost).
    await until(() => mesh.lose.length === 0, 5000, "b's answer to be lost");
    await until(() => mesh.labels('b', 'a').includes('cam/video'), 5000, 'camera at b');
    // Only possible once a got an answer: a link stuck waiting for one never offers again.
    await a.session.publish('screen', [video()]);
    await until(() => mesh.labels('b', 'a').includes('screen/video'), 5000, 'screen after the lost answer');
    expect(a.errors).toEqual([]);
  });

  it('after a resumed reconnect, an unanswered offer is sent again at once', async () => {
    mesh = new P2PMesh();
    const a = await mesh.join('a');
    await mesh.join('b');
    await until(() => mesh.descriptions.length >= 2, 5000, 'the initial exchange');
    mesh.lose.push('a→b offer');
    await a.session.publish('screen', [video()]);
    await new Promise((r) => setTimeout(r, 200));
    expect(mesh.labels('b', 'a')).toEqual([]);
    a.session.resumed();
    await until(() => mesh.labels('b', 'a').includes('screen/video'), 5000, 'screen at b');
  });

  it('a new link starts without crossing offers: the newcomer offers first and the member answers with its own camera', async () => {
    mesh = new P2PMesh();
    await mesh.join('a', local([['cam', [video()]]]));
    await mesh.join('b', local([['cam', [video()]]]));
    await until(
      () => mesh.labels('a', 'b').includes('cam/video') && mesh.labels('b', 'a').includes('cam/video'),
      5000,
      'both ways',
    );
    // One offer and its answer carried both cameras.
    expect(mesh.descriptions.map((d) => `${d.from}→${d.to} ${d.type}`)).toEqual(['b→a offer', 'a→b answer']);
  });
});
