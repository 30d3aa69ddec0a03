// @vitest-environment node
// Who may present, re-create a room and list its viewers: every escalation tried against a real room server with a
// real mediasoup worker gets a typed error or a viewer role.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../common/protocol';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { RecordingMediaService } from '../unit/server/support/fakes';
import { Harness, type Client } from './harness';

/** What Chrome's opus microphone sends (mediasoup validates it for real). */
const MIC: RequestOf<'produce'>['rtpParameters'] = {
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {} }],
  headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 4 }],
  encodings: [{ ssrc: 4242 }],
  rtcp: { cname: 'access', reducedSize: true },
};
/** A well-formed key that opens no room. */
const WRONG_KEY = 'A'.repeat(22);

let h: Harness;
let sfu: MediasoupMediaService;

beforeAll(async () => {
  sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1 });
  h = await Harness.start({ media: () => sfu });
});
afterAll(() => h.stop());
afterEach(() => h.reset());

/** A broadcast with its presenter joined by key. */
async function broadcast() {
  const presenter = await h.client('Presenter');
  const { roomId, presenterKey } = await presenter.request('createRoom', { mode: 'broadcast' });
  const joined = await presenter.request('joinRoom', { roomId, role: 'presenter', presenterKey });
  expect(joined.self.role).toBe('presenter');
  return { roomId, presenterKey, presenter };
}

/** Tries to publish every way there is; each must be refused with FORBIDDEN. */
async function expectCannotPublish(client: Client): Promise<void> {
  await expect(client.request('setPublished', { kind: 'cam', published: true })).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  const { transportId } = await client.request('createWebRtcTransport', { direction: 'send' });
  await expect(
    client.request('produce', { transportId, kind: 'audio', rtpParameters: MIC, source: 'mic' }),
  ).rejects.toMatchObject({ code: 'FORBIDDEN' });
}

describe('broadcast: the presenter key', () => {
  it('createRoom returns a 128-bit presenter key apart from the room id, which does not contain it', async () => {
    const { roomId, presenterKey } = await broadcast();
    expect(presenterKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(roomId).not.toContain(presenterKey);
    expect(presenterKey).not.toContain(roomId);
  });

  it('joinRoom with the role omitted and no key makes a viewer, hidden from the presenter and unable to publish', async () => {
    const { roomId, presenter } = await broadcast();
    const stranger = await h.client('Stranger');
    const joined = await stranger.request('joinRoom', { roomId });
    expect(joined.self.role).toBe('viewer');
    expect(joined.presenterKey).toBeUndefined();
    await presenter.notifications.waitFor('viewerCount', (c) => c.count === 1);
    await expectCannotPublish(stranger);
  });

  it("joinRoom as 'presenter' with no key, a wrong key or another room's key makes a viewer that cannot publish", async () => {
    const { roomId, presenter } = await broadcast();
    const other = await h.client('Other');
    const { presenterKey: otherKey } = await other.request('createRoom', { mode: 'broadcast' });
    for (const presenterKey of [undefined, WRONG_KEY, otherKey]) {
      const stranger = await h.client('Stranger');
      const wish: RequestOf<'joinRoom'> = { roomId, role: 'presenter' };
      const joined = await stranger.request('joinRoom', presenterKey ? { ...wish, presenterKey } : wish);
      expect(joined.self.role).toBe('viewer');
      await expectCannotPublish(stranger);
    }
    await presenter.notifications.waitFor('viewerCount', (c) => c.count === 3);
    await expect(presenter.notifications.waitFor('peerJoined', () => true, 100)).rejects.toThrow();
  });

  it('a viewer re-joining as presenter without the key stays a viewer, in the room or after leaving it', async () => {
    const { roomId } = await broadcast();
    const viewer = await h.client('Viewer');
    await viewer.request('joinRoom', { roomId, role: 'viewer' });
    expect((await viewer.request('joinRoom', { roomId, role: 'presenter' })).self.role).toBe('viewer');
    await viewer.request('leaveRoom', {});
    expect((await viewer.request('joinRoom', { roomId, role: 'presenter' })).self.role).toBe('viewer');
    await expectCannotPublish(viewer);
  });

  it("a kiosk is offered the presenter's producer and never a stranger's", async () => {
    const { roomId, presenter } = await broadcast();
    const kiosk = await h.client('Kiosk');
    await kiosk.request('joinRoom', { roomId, role: 'viewer' });
    const stranger = await h.client('Stranger');
    await stranger.request('joinRoom', { roomId, role: 'presenter' });
    await expectCannotPublish(stranger);
    const { transportId } = await presenter.request('createWebRtcTransport', { direction: 'send' });
    await presenter.request('produce', { transportId, kind: 'audio', rtpParameters: MIC, source: 'mic' });
    await expect(kiosk.notifications.waitFor('newProducer')).resolves.toMatchObject({ peerId: presenter.peerId });
    await expect(
      kiosk.notifications.waitFor('newProducer', (p) => p.peerId !== presenter.peerId, 200),
    ).rejects.toThrow();
  });

  it('the key with role viewer makes a viewer: presenting is a choice the key allows, not a duty', async () => {
    const { roomId, presenterKey } = await broadcast();
    const watcher = await h.client('Co-host');
    expect((await watcher.request('joinRoom', { roomId, role: 'viewer', presenterKey })).self.role).toBe('viewer');
    const cohost = await h.client('Co-host 2');
    expect((await cohost.request('joinRoom', { roomId, presenterKey })).self.role).toBe('presenter');
  });
});

describe('re-creating a known room id', () => {
  it('while the room is open, createRoom with its id and no key or a wrong key is FORBIDDEN; with the key it is the same room', async () => {
    const { roomId, presenterKey } = await broadcast();
    const stranger = await h.client('Stranger');
    await expect(stranger.request('createRoom', { mode: 'broadcast', roomId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      stranger.request('createRoom', { mode: 'broadcast', roomId, presenterKey: WRONG_KEY }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stranger.request('createRoom', { mode: 'broadcast', roomId, presenterKey })).resolves.toEqual({
      roomId,
      presenterKey,
    });
  });

  it("after a server restart a stranger can't take the id in any mode; the key holder re-creates it and presents again", async () => {
    const first = await Harness.start({ media: () => new RecordingMediaService() });
    let roomId: string;
    let presenterKey: string;
    try {
      const presenter = await first.client('Presenter');
      ({ roomId, presenterKey } = await presenter.request('createRoom', { mode: 'broadcast' }));
      await presenter.request('joinRoom', { roomId, presenterKey });
    } finally {
      await first.stop();
    }
    const second = await Harness.start({ media: () => new RecordingMediaService() });
    try {
      const stranger = await second.client('Stranger');
      for (const mode of ['broadcast', 'sfu', 'p2p'] as const) {
        for (const key of [undefined, WRONG_KEY]) {
          const request = key ? { mode, roomId, presenterKey: key } : { mode, roomId };
          await expect(stranger.request('createRoom', request)).rejects.toMatchObject({ code: 'FORBIDDEN' });
        }
      }
      // The key of a broadcast doesn't re-create its id as a meeting room either.
      await expect(stranger.request('createRoom', { mode: 'sfu', roomId, presenterKey })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      const kiosk = await second.client('Kiosk');
      await expect(kiosk.request('joinRoom', { roomId, role: 'viewer' })).rejects.toMatchObject({
        code: 'ROOM_NOT_FOUND',
      });
      const back = await second.client('Presenter');
      await expect(back.request('createRoom', { mode: 'broadcast', roomId, presenterKey })).resolves.toEqual({
        roomId,
        presenterKey,
      });
      expect((await back.request('joinRoom', { roomId, presenterKey })).self.role).toBe('presenter');
      expect((await kiosk.request('joinRoom', { roomId, role: 'viewer' })).members).toEqual([
        expect.objectContaining({ peerId: back.peerId, role: 'presenter' }),
      ]);
      expect((await stranger.request('joinRoom', { roomId, role: 'presenter' })).self.role).toBe('viewer');
    } finally {
      await second.stop();
    }
  });

  it('a meeting room hands every member its key, so any member (and nobody else) can re-create it', async () => {
    const ann = await h.client('Ann');
    const { roomId, presenterKey } = await ann.request('createRoom', { mode: 'p2p' });
    await ann.request('joinRoom', { roomId });
    const bob = await h.client('Bob');
    const joined = await bob.request('joinRoom', { roomId });
    expect(joined.presenterKey).toBe(presenterKey);
    await ann.request('leaveRoom', {});
    await bob.request('leaveRoom', {});
    const stranger = await h.client('Stranger');
    await expect(stranger.request('createRoom', { mode: 'p2p', roomId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      bob.request('createRoom', { mode: 'p2p', roomId, presenterKey: joined.presenterKey }),
    ).resolves.toEqual({
      roomId,
      presenterKey,
    });
  });
});

describe('listViewers', () => {
  it('a viewer asking for the viewer list gets FORBIDDEN; outside a room NOT_IN_ROOM', async () => {
    const { roomId } = await broadcast();
    const viewer = await h.client('Viewer');
    await viewer.request('joinRoom', { roomId });
    await expect(viewer.request('listViewers', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const outsider = await h.client('Outsider');
    await expect(outsider.request('listViewers', {})).rejects.toMatchObject({ code: 'NOT_IN_ROOM' });
  });

  it("the presenter pages through the viewers' names in join order, and a viewer who left is gone", async () => {
    const { roomId, presenter } = await broadcast();
    const viewers: Client[] = [];
    for (const name of ['Vi', 'Wen', 'Xia', 'Yoon']) {
      const viewer = await h.client(name);
      await viewer.request('joinRoom', { roomId });
      viewers.push(viewer);
    }
    await viewers[1]!.close();
    await presenter.notifications.waitFor('viewerCount', (c) => c.count === 3);
    const page1 = await presenter.request('listViewers', { limit: 2 });
    expect(page1.viewers.map((v) => v.displayName)).toEqual(['Vi', 'Xia']);
    expect(page1.total).toBe(3);
    expect(page1.next).not.toBeNull();
    const page2 = await presenter.request('listViewers', { after: page1.next!, limit: 2 });
    expect(page2).toEqual({ viewers: [{ peerId: viewers[3]!.peerId, displayName: 'Yoon' }], total: 3, next: null });
  });

  it('refuses a page larger than 100 with BAD_REQUEST', async () => {
    const { presenter } = await broadcast();
    await expect(presenter.request('listViewers', { limit: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('meeting rooms: nobody listens in unseen', () => {
  for (const mode of ['p2p', 'sfu'] as const) {
    it(`a watcher in a ${mode} room is a member everyone sees: peerJoined with role viewer, and in the member list`, async () => {
      const ann = await h.client('Ann');
      const { roomId } = await ann.request('createRoom', { mode });
      await ann.request('joinRoom', { roomId });
      const watcher = await h.client('Watcher');
      const joined = await watcher.request('joinRoom', { roomId, role: 'viewer' });
      expect(joined.self.role).toBe('viewer');
      await expect(ann.notifications.waitFor('peerJoined')).resolves.toEqual({
        member: { peerId: watcher.peerId, displayName: 'Watcher', role: 'viewer', published: [] },
      });
      const late = await h.client('Late');
      const seen = await late.request('joinRoom', { roomId });
      expect(seen.members).toContainEqual({
        peerId: watcher.peerId,
        displayName: 'Watcher',
        role: 'viewer',
        published: [],
      });
      await expect(watcher.request('setPublished', { kind: 'mic', published: true })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await watcher.close();
      await expect(ann.notifications.waitFor('peerLeft')).resolves.toEqual({ peerId: watcher.peerId });
    });
  }

  it('in a meeting room joining with the role omitted makes a presenter without any key', async () => {
    const ann = await h.client('Ann');
    const { roomId } = await ann.request('createRoom', { mode: 'sfu' });
    expect((await ann.request('joinRoom', { roomId })).self.role).toBe('presenter');
    const bob = await h.client('Bob');
    expect((await bob.request('joinRoom', { roomId })).self.role).toBe('presenter');
  });
});
