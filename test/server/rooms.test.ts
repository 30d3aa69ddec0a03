// @vitest-environment node
// Rooms, presence, relays and reconnects against a real room server over real WebSockets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RecordingMediaService } from '../unit/server/support/fakes';
import { expectRelay, Harness, type Client } from './harness';

const ICE = [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'p' }];

let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ iceServers: ICE });
});
afterAll(() => h.stop());
afterEach(() => h.reset());

describe('hello', () => {
  it('gives a peer id, a resume secret, the configured ICE servers and sfuAvailable false', async () => {
    const client = await h.client('Ann');
    expect(client.peerId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(client.secret.length).toBeGreaterThanOrEqual(16);
    const again = await h.client('Bob');
    expect(again.peerId).not.toBe(client.peerId);
    const raw = await h.raw();
    expect(await raw.request('hello', { displayName: 'Cy' })).toMatchObject({
      ok: true,
      data: { iceServers: ICE, sfuAvailable: false },
    });
  });
});

describe('p2p rooms', () => {
  it('createRoom → joinRoom returns the members; the others get peerJoined', async () => {
    const [ann, bob] = [await h.client('Ann'), await h.client('Bob')];
    const { roomId } = await ann.request('createRoom', { mode: 'p2p' });
    expect(await ann.request('joinRoom', { roomId })).toMatchObject({ roomId, mode: 'p2p', members: [] });
    const joined = await bob.request('joinRoom', { roomId });
    expect(joined.self).toEqual({ peerId: bob.peerId, displayName: 'Bob', role: 'presenter', published: [] });
    expect(joined.members).toEqual([{ peerId: ann.peerId, displayName: 'Ann', role: 'presenter', published: [] }]);
    await expect(ann.notifications.waitFor('peerJoined')).resolves.toEqual({ member: joined.self });
  });

  it('relays offers with their stream map, candidates and end-of-candidates only to the addressed peer', async () => {
    const { clients } = await h.room(3);
    const [ann, bob, cy] = clients as [Client, Client, Client];
    const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    await ann.request('signal', { to: bob.peerId, description: offer, streams: { 'stream-1': 'cam' } });
    await expect(bob.notifications.waitFor('signal')).resolves.toEqual({
      from: ann.peerId,
      description: offer,
      streams: { 'stream-1': 'cam' },
    });
    await ann.request('signal', { to: bob.peerId, candidate: null });
    await expect(bob.notifications.waitFor('signal', (s) => s.candidate === null)).resolves.toEqual({
      from: ann.peerId,
      candidate: null,
    });
    await expectRelay(bob, cy);
    expect(cy.signals.map((s) => s.from)).toEqual([bob.peerId]);
  });

  it('tells the others published and unpublished, and the member list reflects it', async () => {
    const { roomId, clients } = await h.room(2);
    const [ann, bob] = clients as [Client, Client];
    await ann.request('setPublished', { kind: 'screen', published: true });
    await expect(bob.notifications.waitFor('published')).resolves.toEqual({ peerId: ann.peerId, kind: 'screen' });
    const late = await h.client('Late');
    const joined = await late.request('joinRoom', { roomId });
    expect(joined.members.find((m) => m.peerId === ann.peerId)?.published).toEqual(['screen']);
    await ann.request('setPublished', { kind: 'screen', published: false });
    await expect(bob.notifications.waitFor('unpublished')).resolves.toEqual({ peerId: ann.peerId, kind: 'screen' });
  });

  it('setPaused tells the others, a late joiner sees it, unpublishing clears it; only what is published pauses', async () => {
    const { roomId, clients } = await h.room(2);
    const [ann, bob] = clients as [Client, Client];
    await expect(ann.request('setPaused', { kind: 'screen', paused: true })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await ann.request('setPublished', { kind: 'screen', published: true });
    await ann.request('setPaused', { kind: 'screen', paused: true });
    const paused = { peerId: ann.peerId, kind: 'screen', paused: true };
    await expect(bob.notifications.waitFor('pausedChanged')).resolves.toEqual(paused);
    const late = await h.client('Late');
    const joined = await late.request('joinRoom', { roomId });
    expect(joined.members.find((m) => m.peerId === ann.peerId)?.paused).toEqual(['screen']);
    await ann.request('setPublished', { kind: 'screen', published: false });
    await ann.request('setPublished', { kind: 'screen', published: true });
    const again = await (await h.client('Later')).request('joinRoom', { roomId });
    expect(again.members.find((m) => m.peerId === ann.peerId)?.paused).toBeUndefined();
  });

  it('leaveRoom tells the others peerLeft; the last one out closes the room', async () => {
    const { roomId, clients } = await h.room(2);
    const [ann, bob] = clients as [Client, Client];
    await bob.request('leaveRoom', {});
    await expect(ann.notifications.waitFor('peerLeft')).resolves.toEqual({ peerId: bob.peerId });
    await ann.request('leaveRoom', {});
    await expect(bob.request('joinRoom', { roomId })).rejects.toMatchObject({ code: 'ROOM_NOT_FOUND' });
  });

  it('a peer that closes its connection leaves its room at once', async () => {
    const { clients } = await h.room(2);
    const [ann, bob] = clients as [Client, Client];
    await bob.close();
    await expect(ann.notifications.waitFor('peerLeft')).resolves.toEqual({ peerId: bob.peerId });
  });

  it('refuses joining a second room with ALREADY_IN_ROOM and the rooms stay apart', async () => {
    const first = await h.room(2, 'first');
    const second = await h.room(1, 'second');
    const [ann] = first.clients as [Client];
    await expect(ann.request('joinRoom', { roomId: second.roomId })).rejects.toMatchObject({ code: 'ALREADY_IN_ROOM' });
    await expectRelay(first.clients[1]!, ann);
  });
});

describe('reconnecting', () => {
  it('hello with resume takes the peer over: the old socket gets replaced and closes, the room sees no churn', async () => {
    const { roomId, clients } = await h.room(2);
    const [ann, bob] = clients as [Client, Client];
    const annAgain = await h.client('Ann', { peerId: ann.peerId, secret: ann.secret });
    expect(annAgain.peerId).toBe(ann.peerId);
    await ann.notifications.waitFor('replaced');
    await ann.closed;
    await expectRelay(bob, annAgain);
    await expectRelay(annAgain, bob);
    const snapshot = await annAgain.request('joinRoom', { roomId });
    expect(snapshot.members.map((m) => m.peerId)).toEqual([bob.peerId]);
    await expectRelay(bob, annAgain);
    const churn = [
      ...(await Promise.allSettled([bob.notifications.waitFor('peerLeft', () => true, 1)])),
      ...(await Promise.allSettled([bob.notifications.waitFor('peerJoined', () => true, 1)])),
    ];
    expect(churn.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('a wrong resume secret gets a fresh identity and takes nothing over', async () => {
    const { clients } = await h.room(2);
    const [ann, bob] = clients as [Client, Client];
    const impostor = await h.client('Eve', { peerId: ann.peerId, secret: 'x'.repeat(32) });
    expect(impostor.peerId).not.toBe(ann.peerId);
    await expectRelay(bob, ann);
    await expect(impostor.request('signal', { to: bob.peerId, candidate: null })).rejects.toMatchObject({
      code: 'NOT_IN_ROOM',
    });
  });

  it('a peer that drops without a close frame keeps its seat and gets what it missed when it resumes', async () => {
    const bob = await h.client('Bob');
    const { roomId } = await bob.request('createRoom', { mode: 'p2p' });
    await bob.request('joinRoom', { roomId });
    const dropped = await h.raw();
    const hello = await dropped.request('hello', { displayName: 'Ann' });
    const { peerId, secret } = (hello as unknown as { data: { peerId: string; secret: string } }).data;
    const identity = { peerId, secret };
    await dropped.request('joinRoom', { roomId });
    const before = await h.health();
    dropped.ws.terminate();
    // What is sent before the server notices the drop is lost with the socket; wait until it has.
    await h.waitForHealth((health) => health.connections === before.connections - 1);
    await bob.request('setPublished', { kind: 'mic', published: true });
    const back = await h.client('Ann', identity);
    expect(back.peerId).toBe(identity.peerId);
    await expect(back.notifications.waitFor('published')).resolves.toEqual({ peerId: bob.peerId, kind: 'mic' });
    await expectRelay(bob, back);
    await expect(bob.notifications.waitFor('peerLeft', () => true, 1)).rejects.toThrow();
  });

  it('a dropped peer that does not come back leaves its room after the grace period', async () => {
    const short = await Harness.start({ reconnectGraceMs: 100 });
    try {
      const bob = await short.client('Bob');
      const { roomId } = await bob.request('createRoom', { mode: 'p2p' });
      await bob.request('joinRoom', { roomId });
      const dropper = await short.raw();
      const hello = await dropper.request('hello', { displayName: 'Gone' });
      const { peerId } = (hello as unknown as { data: { peerId: string } }).data;
      await dropper.request('joinRoom', { roomId });
      await bob.notifications.waitFor('peerJoined');
      dropper.ws.terminate();
      await expect(bob.notifications.waitFor('peerLeft')).resolves.toEqual({ peerId });
    } finally {
      await short.stop();
    }
  });
});

describe('broadcast rooms through a media service', () => {
  it("hides viewers, counts them for everybody, and refuses a viewer's setPublished with FORBIDDEN", async () => {
    const media = new RecordingMediaService();
    const withSfu = await Harness.start({ media: () => media });
    try {
      const presenter = await withSfu.client('Presenter');
      const { roomId, presenterKey } = await presenter.request('createRoom', { mode: 'broadcast' });
      await presenter.request('joinRoom', { roomId, role: 'presenter', presenterKey });
      const v1 = await withSfu.client('Kiosk 1');
      const v2 = await withSfu.client('Kiosk 2');
      expect(await v1.request('joinRoom', { roomId, role: 'viewer' })).toMatchObject({
        mode: 'broadcast',
        viewerCount: 1,
        members: [{ peerId: presenter.peerId, role: 'presenter' }],
      });
      const second = await v2.request('joinRoom', { roomId, role: 'viewer' });
      expect(second.members.map((m) => m.peerId)).toEqual([presenter.peerId]);
      await presenter.notifications.waitFor('viewerCount', (c) => c.count === 2);
      await v1.notifications.waitFor('viewerCount', (c) => c.count === 2);
      await expect(v1.request('setPublished', { kind: 'cam', published: true })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(v1.request('signal', { to: v2.peerId, candidate: null })).rejects.toMatchObject({
        code: 'PEER_NOT_FOUND',
      });
      await v2.close();
      await presenter.notifications.waitFor('viewerCount', (c) => c.count === 1);
      await expect(presenter.notifications.waitFor('peerJoined', () => true, 1)).rejects.toThrow();
      expect(media.calls[0]).toBe(`created:${roomId}`);
      expect(media.calls).toContain(`left:${roomId}:${v2.peerId}`);
    } finally {
      await withSfu.stop();
    }
  });
});
