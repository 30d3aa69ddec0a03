// @vitest-environment node
// Signed join tokens on a real server (loopback) with a real mediasoup worker: with an auth secret, a token for the
// room is the only way in and its role is a ceiling; every kind of bad token gets its own typed error, and the
// connection and the room carry on.
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mintJoinToken, type MintOptions } from '../../server/auth/join-tokens';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { expectRelay, Harness, type Client } from './harness';
import { camRtp } from './sfu-rtp';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const OTHER_SECRET = 'another-secret-this-server-never-saw-0123456789';

let h: Harness;
let sfu: MediasoupMediaService;
beforeAll(async () => {
  sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1 });
  h = await Harness.start({ media: () => sfu, authSecret: SECRET });
});
afterAll(() => h.stop());
afterEach(() => h.reset());

let rooms = 0;
const newRoomId = () => `room-${++rooms}-${Date.now().toString(36)}`;
const token = (options: Partial<MintOptions> & Pick<MintOptions, 'room'>, secret = SECRET, now?: Date) =>
  mintJoinToken(secret, { role: 'viewer', name: 'Someone', ttlSeconds: 600, ...options }, now);

/** The error code a request fails with ('ok' when it succeeds). */
async function codeOf(request: Promise<unknown>): Promise<string> {
  return request.then(
    () => 'ok',
    (error: { code?: string }) => error.code ?? String(error),
  );
}

/** A room of `mode` opened and joined by a presenter-token holder. */
async function openRoom(mode: 'p2p' | 'sfu' | 'broadcast', name = 'Host'): Promise<{ roomId: string; host: Client }> {
  const roomId = newRoomId();
  const host = await h.client('typed name');
  const hostToken = await token({ room: roomId, role: 'presenter', name });
  expect(await host.request('createRoom', { mode, token: hostToken })).toMatchObject({ roomId });
  await host.request('joinRoom', { roomId, token: hostToken });
  return { roomId, host };
}

describe('a server with an auth secret', () => {
  it('answers createRoom, joinRoom and enterLobby without a token with TOKEN_REQUIRED, and the connection carries on', async () => {
    const { roomId, host } = await openRoom('p2p');
    const stranger = await h.client('Stranger');
    expect(await codeOf(stranger.request('createRoom', { mode: 'p2p' }))).toBe('TOKEN_REQUIRED');
    expect(await codeOf(stranger.request('joinRoom', { roomId }))).toBe('TOKEN_REQUIRED');
    expect(await codeOf(stranger.request('enterLobby', {}))).toBe('TOKEN_REQUIRED');
    expect(await codeOf(stranger.request('invite', { to: host.peerId }))).toBe('TOKEN_REQUIRED');
    // Still connected: the same connection joins once it has a token.
    expect(
      await stranger.request('joinRoom', { roomId, token: await token({ room: roomId, role: 'member' }) }),
    ).toMatchObject({
      roomId,
    });
    await expectRelay(host, stranger);
  });

  it('answers an expired token with TOKEN_EXPIRED', async () => {
    const { roomId } = await openRoom('p2p');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const expired = await token({ room: roomId, role: 'member', ttlSeconds: 60 }, SECRET, twoHoursAgo);
    const late = await h.client('Late');
    expect(await codeOf(late.request('joinRoom', { roomId, token: expired }))).toBe('TOKEN_EXPIRED');
    expect(await codeOf(late.request('createRoom', { mode: 'p2p', token: expired }))).toBe('TOKEN_EXPIRED');
  });

  it('answers forged, unsigned, malformed and not-yet-valid tokens with TOKEN_INVALID; the room carries on', async () => {
    const { roomId, host } = await openRoom('p2p');
    const member = await h.client('Member');
    await member.request('joinRoom', { roomId, token: await token({ room: roomId, role: 'member' }) });
    const forger = await h.client('Forger');
    const forged = await token({ room: roomId, role: 'presenter' }, OTHER_SECRET);
    const exp = Math.floor(Date.now() / 1000) + 600;
    const claims = { room: roomId, role: 'presenter', name: 'Mallory', exp };
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    const noRole = await new SignJWT({ room: roomId, name: 'X', exp })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    const notYet = await token({ room: roomId, role: 'member', notBeforeSeconds: 3_600 });
    for (const bad of [forged, `${unsigned}x`, 'abc.def.ghi', noRole, notYet]) {
      expect(await codeOf(forger.request('joinRoom', { roomId, token: bad }))).toBe('TOKEN_INVALID');
    }
    expect(await codeOf(forger.request('createRoom', { mode: 'p2p', token: forged }))).toBe('TOKEN_INVALID');
    // A token that is not even shaped like one is a bad request, like any malformed field.
    expect(await codeOf(forger.request('joinRoom', { roomId, token: 'not a token' }))).toBe('BAD_REQUEST');
    await expectRelay(host, member);
    await expectRelay(member, host);
  });

  it('answers a token for another room with TOKEN_WRONG_ROOM, on joinRoom and on createRoom', async () => {
    const { roomId } = await openRoom('p2p');
    const elsewhere = await token({ room: newRoomId(), role: 'presenter' });
    const visitor = await h.client('Visitor');
    expect(await codeOf(visitor.request('joinRoom', { roomId, token: elsewhere }))).toBe('TOKEN_WRONG_ROOM');
    expect(await codeOf(visitor.request('createRoom', { mode: 'p2p', roomId, token: elsewhere }))).toBe(
      'TOKEN_WRONG_ROOM',
    );
  });

  it('answers a token asked for more than it grants with TOKEN_WRONG_ROLE', async () => {
    const { roomId } = await openRoom('broadcast');
    const viewer = await h.client('Viewer');
    const viewerToken = await token({ room: roomId, role: 'viewer' });
    const memberToken = await token({ room: roomId, role: 'member' });
    expect(await codeOf(viewer.request('joinRoom', { roomId, role: 'presenter', token: viewerToken }))).toBe(
      'TOKEN_WRONG_ROLE',
    );
    // A member of meetings only watches a broadcast.
    expect(await codeOf(viewer.request('joinRoom', { roomId, role: 'presenter', token: memberToken }))).toBe(
      'TOKEN_WRONG_ROLE',
    );
    // Opening a room takes a token that may publish there.
    const other = newRoomId();
    const opener = await h.client('Opener');
    expect(await codeOf(opener.request('createRoom', { mode: 'sfu', token: await token({ room: other }) }))).toBe(
      'TOKEN_WRONG_ROLE',
    );
    expect(
      await codeOf(
        opener.request('createRoom', { mode: 'broadcast', token: await token({ room: other, role: 'member' }) }),
      ),
    ).toBe('TOKEN_WRONG_ROLE');
  });

  it("lets a presenter token present in a broadcast, with the token's name, while a viewer token cannot publish", async () => {
    const { roomId, host } = await openRoom('broadcast', 'Ana from the portal');
    const again = await host.request('joinRoom', { roomId });
    expect(again.self).toMatchObject({ role: 'presenter', displayName: 'Ana from the portal' });
    const send = (await host.request('createWebRtcTransport', { direction: 'send' })).transportId;
    const produced = await host.request('produce', {
      transportId: send,
      kind: 'video',
      rtpParameters: camRtp('0', 1111),
      source: 'cam',
    });
    expect(produced.producerId).toEqual(expect.any(String));

    const viewer = await h.client('Vic');
    const joined = await viewer.request('joinRoom', { roomId, token: await token({ room: roomId, name: 'Viewer V' }) });
    expect(joined.self).toMatchObject({ role: 'viewer', displayName: 'Viewer V' });
    const viewerTransport = (await viewer.request('createWebRtcTransport', { direction: 'recv' })).transportId;
    expect(
      await codeOf(
        viewer.request('produce', {
          transportId: viewerTransport,
          kind: 'video',
          rtpParameters: camRtp('0', 2222),
          source: 'cam',
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(await codeOf(viewer.request('setPublished', { kind: 'screen', published: true }))).toBe('FORBIDDEN');
  });

  it('never makes a presenter of someone without a token, not even with the room key', async () => {
    const roomId = newRoomId();
    const host = await h.client('Host');
    const created = await host.request('createRoom', {
      mode: 'broadcast',
      token: await token({ room: roomId, role: 'presenter' }),
    });
    const thief = await h.client('Thief');
    const { presenterKey } = created;
    expect(await codeOf(thief.request('joinRoom', { roomId, role: 'presenter', presenterKey }))).toBe('TOKEN_REQUIRED');
    const viewerToken = await token({ room: roomId, role: 'viewer' });
    expect(
      await codeOf(thief.request('joinRoom', { roomId, role: 'presenter', presenterKey, token: viewerToken })),
    ).toBe('TOKEN_WRONG_ROLE');
    // Re-creating the room under its id with its key does not get around the token either.
    expect(await codeOf(thief.request('createRoom', { mode: 'broadcast', roomId, presenterKey }))).toBe(
      'TOKEN_REQUIRED',
    );
  });

  it('lets a token holder into the lobby, and calls between admitted members go through', async () => {
    const ann = await h.client('Ann');
    const bob = await h.client('Bob');
    for (const c of [ann, bob]) await c.request('enterLobby', { token: await token({ room: newRoomId() }) });
    const { callId } = await ann.request('invite', { to: bob.peerId });
    const { roomId } = await bob.request('accept', { callId });
    // The call's private room admits its two parties without a room token.
    expect(await bob.request('joinRoom', { roomId })).toMatchObject({ roomId });
    expect(await ann.request('joinRoom', { roomId })).toMatchObject({ roomId });
  });
});

describe('a server without an auth secret', () => {
  it('works with room ids and keys as before, and ignores a token', async () => {
    const open = await Harness.start();
    try {
      const ann = await open.client('Ann');
      const { roomId } = await ann.request('createRoom', { mode: 'p2p' });
      const whatever = await token({ room: roomId, role: 'viewer' }, OTHER_SECRET);
      expect(await ann.request('joinRoom', { roomId, token: whatever })).toMatchObject({ self: { role: 'presenter' } });
      expect(await (await open.client('Bob')).request('joinRoom', { roomId })).toMatchObject({ roomId });
      expect(await ann.request('enterLobby', {})).toMatchObject({ users: expect.any(Array) });
    } finally {
      await open.stop();
    }
  });
});
