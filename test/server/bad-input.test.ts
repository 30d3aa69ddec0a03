// @vitest-environment node
// Garbage against a real room server: each case gets a typed error or a clean close, and two valid peers in
// the same room stay connected and keep relaying real signals to each other.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../common/protocol';
import { expectRelay, Harness, type Client, type RawClient } from './harness';

let h: Harness;
let roomId: string;
let bob: Client;
let carol: Client;
let attacker: RawClient;
let attackerId: string;

beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.stop());

beforeEach(async () => {
  const room = await h.room(2);
  roomId = room.roomId;
  [bob, carol] = room.clients as [Client, Client];
  attacker = await h.raw();
  const hello = await attacker.request('hello', { displayName: 'mallory' });
  attackerId = (hello as { data: { peerId: string } }).data.peerId;
  expect(await attacker.request('joinRoom', { roomId })).toMatchObject({ ok: true });
  await bob.notifications.waitFor('peerJoined', (j) => j.member.peerId === attackerId);
});

afterEach(async () => {
  // The bystanders saw nothing but well-formed protocol messages throughout.
  expect(bob.violations).toEqual([]);
  expect(carol.violations).toEqual([]);
  await h.reset();
});

/** The bystanders are still connected and still relay real signals both ways. */
async function bystandersUnaffected(): Promise<void> {
  await expectRelay(bob, carol);
  await expectRelay(carol, bob);
}

describe('a room server given bad input', () => {
  it('answers malformed JSON with BAD_REQUEST and id null, and keeps the connection', async () => {
    attacker.send('{"id":1,"method":');
    await expect(attacker.waitFor((f) => f.ok === false)).resolves.toEqual({
      id: null,
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'malformed JSON' },
    });
    expect(await attacker.request('setPublished', { kind: 'cam', published: true })).toMatchObject({ ok: true });
    await bob.notifications.waitFor('published', (p) => p.peerId === attackerId);
    await bystandersUnaffected();
  });

  it('answers an unknown method with UNKNOWN_METHOD under the same id', async () => {
    expect(await attacker.request('dropTables', { all: true })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD' },
    });
    await bystandersUnaffected();
  });

  it.each([
    ['joinRoom with a path for a room id', 'joinRoom', { roomId: '../../etc' }, /roomId/],
    ['joinRoom with an unknown role', 'joinRoom', { roomId: 'AAAAAAAAAAAAAAAA', role: 'admin' }, /role/],
    ['createRoom with an extra field', 'createRoom', { mode: 'p2p', secretFlag: true }, /1 unknown field/],
    ['setPublished without published', 'setPublished', { kind: 'cam' }, /published/],
    [
      'signal with both a description and a candidate',
      'signal',
      { to: 'x', description: { type: 'offer', sdp: 'v=0' }, candidate: null },
      /exactly one/,
    ],
    [
      'signal with an oversized SDP',
      'signal',
      { to: 'x', description: { type: 'offer', sdp: 'x'.repeat(60_001) } },
      /sdp/,
    ],
    ['a second hello', 'hello', { displayName: 'again' }, /hello was already sent/],
  ])('answers %s with a typed error and changes nothing', async (_label, method, data, message) => {
    const response = await attacker.request(method, data);
    expect(response.ok).toBe(false);
    if (response.ok) return;
    expect(['BAD_REQUEST', 'INVALID_STATE']).toContain(response.error.code);
    expect(response.error.message).toMatch(message);
    expect(bob.signals).toEqual([]);
    await bystandersUnaffected();
  });

  it('never echoes a name the client made up in an error message', async () => {
    const bait = 'zqxMarker';
    const answers = [
      await attacker.request('createRoom', { mode: 'p2p', [bait]: 1 }),
      await attacker.request('signal', {
        to: bob.peerId,
        description: { type: 'offer', sdp: 'v=0' },
        streams: { [bait]: 'tv' },
      }),
      await attacker.request('signal', { to: bob.peerId, candidate: null, streams: { [bait.repeat(20)]: 'cam' } }),
      await attacker.request('hello', { displayName: 'x', resume: { peerId: 'a', secret: 'b'.repeat(16), [bait]: 1 } }),
    ];
    attacker.send(JSON.stringify({ id: 99, method: 'leaveRoom', [bait]: true }));
    answers.push((await attacker.waitFor((f) => f.id === 99)) as (typeof answers)[number]);
    for (const answer of answers) {
      expect(answer).toMatchObject({ ok: false, error: { code: expect.stringMatching(/BAD_REQUEST|INVALID_STATE/) } });
      expect(JSON.stringify(answer)).not.toContain(bait);
    }
    await bystandersUnaffected();
  });

  it('answers a binary frame with BAD_REQUEST', async () => {
    attacker.send(Buffer.from([1, 2, 3]));
    await expect(attacker.waitFor((f) => f.ok === false)).resolves.toMatchObject({
      error: { code: 'BAD_REQUEST' },
    });
    await bystandersUnaffected();
  });

  it('answers every method before hello with NOT_CONNECTED', async () => {
    const stranger = await h.raw();
    expect(await stranger.request('joinRoom', { roomId })).toMatchObject({
      ok: false,
      error: { code: 'NOT_CONNECTED' },
    });
    expect(await stranger.request('signal', { to: bob.peerId, candidate: null })).toMatchObject({
      error: { code: 'NOT_CONNECTED' },
    });
    expect(bob.signals).toEqual([]);
    await bystandersUnaffected();
  });

  it('closes a connection that sends a frame over the cap with 1009, and the room hears it left', async () => {
    attacker.send(JSON.stringify({ id: 9, method: 'signal', data: { pad: 'x'.repeat(MAX_FRAME_BYTES) } }));
    await expect(attacker.closed).resolves.toMatchObject({ code: 1009 });
    await bob.notifications.waitFor('peerLeft', (l) => l.peerId === attackerId);
    await carol.notifications.waitFor('peerLeft', (l) => l.peerId === attackerId);
    await bystandersUnaffected();
  });

  it('refuses a relay to a peer in another room with PEER_NOT_FOUND and delivers nothing', async () => {
    const other = await h.room(2, 'elsewhere');
    const [dave, erin] = other.clients as [Client, Client];
    expect(await attacker.request('signal', { to: dave.peerId, candidate: null })).toMatchObject({
      ok: false,
      error: { code: 'PEER_NOT_FOUND' },
    });
    expect(await attacker.request('signal', { to: 'no-such-peer', candidate: null })).toMatchObject({
      error: { code: 'PEER_NOT_FOUND' },
    });
    // Had the refused signal been delivered, it would have reached Dave before this one.
    await expectRelay(erin, dave);
    expect(dave.signals.map((s) => s.from)).toEqual([erin.peerId]);
    await bystandersUnaffected();
  });

  it('refuses a relay from a peer in no room with NOT_IN_ROOM', async () => {
    expect(await attacker.request('leaveRoom', {})).toMatchObject({ ok: true });
    expect(await attacker.request('signal', { to: bob.peerId, candidate: null })).toMatchObject({
      error: { code: 'NOT_IN_ROOM' },
    });
    await expectRelay(carol, bob);
    expect(bob.signals.map((s) => s.from)).toEqual([carol.peerId]);
    await bystandersUnaffected();
  });

  it('answers joinRoom of an unknown room with ROOM_NOT_FOUND', async () => {
    const lonely = await h.raw();
    await lonely.request('hello', { displayName: 'lost' });
    expect(await lonely.request('joinRoom', { roomId: 'AAAAAAAAAAAAAAAA' })).toMatchObject({
      ok: false,
      error: { code: 'ROOM_NOT_FOUND' },
    });
    await bystandersUnaffected();
  });

  it('answers a flood with RATE_LIMITED, then closes it with 1008, and the room hears it left', async () => {
    for (let i = 0; i < 3000; i++) {
      attacker.send(JSON.stringify({ id: 1000 + i, method: 'signal', data: { to: bob.peerId, candidate: null } }));
    }
    await expect(attacker.closed).resolves.toMatchObject({ code: 1008 });
    expect(attacker.frames.some((f) => (f.error as { code?: string } | undefined)?.code === 'RATE_LIMITED')).toBe(true);
    await bob.notifications.waitFor('peerLeft', (l) => l.peerId === attackerId);
    await bystandersUnaffected();
  });

  it('answers SFU methods and media rooms with MEDIA_SERVER_UNAVAILABLE while there is no SFU', async () => {
    expect(await attacker.request('getRouterRtpCapabilities', {})).toMatchObject({
      error: { code: 'MEDIA_SERVER_UNAVAILABLE' },
    });
    expect(await attacker.request('createWebRtcTransport', { direction: 'send' })).toMatchObject({
      error: { code: 'MEDIA_SERVER_UNAVAILABLE' },
    });
    expect(await attacker.request('createRoom', { mode: 'broadcast' })).toMatchObject({
      error: { code: 'MEDIA_SERVER_UNAVAILABLE' },
    });
    await bystandersUnaffected();
  });
});
