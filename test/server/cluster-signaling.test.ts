// @vitest-environment node
// Three real room-server processes sharing one real redis-server: rooms, presence and calls across servers.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port';
import { clusterForSuite, type ClusterClient } from './cluster-harness';
import { expectRelay } from './harness';

const cluster = clusterForSuite(3);
// Each step crosses processes and Redis: ~50 ms on a quiet machine, but in a fresh-clone run, among the files
// vitest runs at once, the whole call test once took over its default 5 s. A hang still fails, at the 10 s of the
// step that hangs.
const CROSS_SERVER = { timeout: 20_000 };

describe('a P2P room across servers', CROSS_SERVER, () => {
  it('a member on another server joins, sees the members, and signals pass both ways', async () => {
    const ann = await cluster().client(0, 'Ann');
    const bob = await cluster().client(1, 'Bob');
    const { roomId } = await ann.request('createRoom', { mode: 'p2p' });
    await ann.request('joinRoom', { roomId });

    const joined = ann.notifications.waitFor('peerJoined', (j) => j.member.peerId === bob.peerId);
    const snapshot = await bob.request('joinRoom', { roomId });
    expect(snapshot.members.map((m) => m.displayName)).toEqual(['Ann']);
    expect(snapshot.self).toMatchObject({ peerId: bob.peerId, displayName: 'Bob' });
    expect((await joined).member.displayName).toBe('Bob');

    await expectRelay(ann, bob);
    await expectRelay(bob, ann);

    const published = ann.notifications.waitFor('published', (p) => p.peerId === bob.peerId);
    await bob.request('setPublished', { kind: 'cam', published: true });
    expect(await published).toEqual({ peerId: bob.peerId, kind: 'cam' });

    const left = ann.notifications.waitFor('peerLeft', (l) => l.peerId === bob.peerId);
    await bob.request('leaveRoom', {});
    await left;
  });

  it('a third member on a third server sees both, and a dropped connection leaves the room', async () => {
    const [ann, bob, cat] = [
      await cluster().client(0, 'Ann'),
      await cluster().client(1, 'Bob'),
      await cluster().client(2, 'Cat'),
    ];
    const { roomId } = await bob.request('createRoom', { mode: 'p2p' });
    await ann.request('joinRoom', { roomId });
    await bob.request('joinRoom', { roomId });
    const snapshot = await cat.request('joinRoom', { roomId });
    expect(snapshot.members.map((m) => m.displayName).sort()).toEqual(['Ann', 'Bob']);
    await expectRelay(cat, ann);

    const left = ann.notifications.waitFor('peerLeft', (l) => l.peerId === cat.peerId);
    await cat.close();
    await left;
  });

  it('an unknown room is ROOM_NOT_FOUND on every server, and a room cannot be taken over by id alone', async () => {
    const ann = await cluster().client(0, 'Ann');
    const bob = await cluster().client(1, 'Bob');
    await expect(bob.request('joinRoom', { roomId: 'no-such-room' })).rejects.toMatchObject({ code: 'ROOM_NOT_FOUND' });
    const { roomId } = await ann.request('createRoom', { mode: 'p2p' });
    await expect(bob.request('createRoom', { mode: 'p2p', roomId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

/**
 * Clients that entered the lobby, one per server, each known to the others' servers. Presence crosses servers over
 * Redis, a moment after `enterLobby` answers; a user can be rung only once the caller's server has heard of them,
 * as in the app, where a callee must first appear in the caller's list.
 */
async function inLobby(...where: [number, string][]): Promise<ClusterClient[]> {
  const clients: ClusterClient[] = [];
  for (const [server, name] of where) {
    const client = await cluster().client(server, name);
    const { users } = await client.request('enterLobby', {});
    const listed = new Set(users.map((user) => user.peerId));
    await Promise.all(
      clients.flatMap((other) => [
        other.notifications.waitFor('lobbyUserJoined', (j) => j.user.peerId === client.peerId),
        ...(listed.has(other.peerId)
          ? []
          : [client.notifications.waitFor('lobbyUserJoined', (j) => j.user.peerId === other.peerId)]),
      ]),
    );
    clients.push(client);
  }
  return clients;
}

describe('presence and direct calls across servers', CROSS_SERVER, () => {
  it('the lobby lists and pushes users signed in on other servers', async () => {
    const [ann] = (await inLobby([0, 'Ann'])) as [ClusterClient];
    const bob = await cluster().client(2, 'Bob');
    const joined = ann.notifications.waitFor('lobbyUserJoined', (j) => j.user.peerId === bob.peerId);
    const { users } = await bob.request('enterLobby', {});
    // Listed at once, or pushed a moment later when Ann's arrival was still crossing Redis as Bob entered. When it
    // came first (the usual case) only the listing can tell him, so a lobby that lists no one elsewhere fails here.
    const annSeen =
      users.find((user) => user.peerId === ann.peerId) ??
      (await bob.notifications.waitFor('lobbyUserJoined', (j) => j.user.peerId === ann.peerId)).user;
    expect(annSeen).toEqual({ peerId: ann.peerId, displayName: 'Ann', busy: false });
    expect((await joined).user).toEqual({ peerId: bob.peerId, displayName: 'Bob', busy: false });

    const left = ann.notifications.waitFor('lobbyUserLeft', (l) => l.peerId === bob.peerId);
    await bob.close();
    await left;
  });

  it('a call rings on another server, is accepted there, and both meet in its private room', async () => {
    const [ann, bob] = (await inLobby([0, 'Ann'], [1, 'Bob'])) as [ClusterClient, ClusterClient];
    const ringing = bob.notifications.waitFor('incomingCall');
    const { callId } = await ann.request('invite', { to: bob.peerId });
    expect(await ringing).toEqual({ callId, from: { peerId: ann.peerId, displayName: 'Ann' } });
    await ann.notifications.waitFor('callRinging', (r) => r.callId === callId);

    const accepted = ann.notifications.waitFor('callAccepted', (a) => a.callId === callId);
    const { roomId } = await bob.request('accept', { callId });
    expect(await accepted).toEqual({ callId, roomId });

    await ann.request('joinRoom', { roomId });
    const snapshot = await bob.request('joinRoom', { roomId });
    expect(snapshot.members.map((m) => m.peerId)).toEqual([ann.peerId]);
    await expectRelay(bob, ann);

    // An outsider on the third server can't walk into the call's room.
    const eve = await cluster().client(2, 'Eve');
    await expect(eve.request('joinRoom', { roomId })).rejects.toMatchObject({ code: 'ROOM_NOT_FOUND' });

    const ended = ann.notifications.waitFor('callEnded', (e) => e.callId === callId);
    await bob.request('hangUp', { callId });
    expect(await ended).toEqual({ callId, reason: 'hungUp' });
  });

  it('a declined call ends for the caller, and a callee who is in a call elsewhere is busy', async () => {
    const [ann, bob, cat] = (await inLobby([0, 'Ann'], [1, 'Bob'], [2, 'Cat'])) as ClusterClient[] as [
      ClusterClient,
      ClusterClient,
      ClusterClient,
    ];
    const { callId } = await ann.request('invite', { to: bob.peerId });
    await bob.notifications.waitFor('incomingCall', (c) => c.callId === callId);
    const busyFlag = cat.notifications.waitFor('lobbyUserChanged', (c) => c.user.peerId === bob.peerId && c.user.busy);
    await busyFlag;
    const { callId: second } = await cat.request('invite', { to: bob.peerId });
    expect(await cat.notifications.waitFor('callEnded', (e) => e.callId === second)).toMatchObject({ reason: 'busy' });

    const ended = ann.notifications.waitFor('callEnded', (e) => e.callId === callId);
    await bob.request('decline', { callId });
    expect(await ended).toEqual({ callId, reason: 'declined' });
  });
});

describe('starting clustered', () => {
  it('refuses to start with exit code 3 and a clear message when Redis is unreachable', async () => {
    const port = await freePort();
    const run = spawnSync(
      process.execPath,
      ['dist/server/index.js', '--port', '0', '--no-sfu', '--redis', `redis://127.0.0.1:${port}`],
      {
        encoding: 'utf8',
        env: { ...process.env, DEBUG: '' },
        timeout: 20_000,
      },
    );
    expect(run.status).toBe(3);
    expect(run.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect(run.stdout).not.toContain('listening on');
  });

  it('rejects a --redis value that is not a redis:// URL with exit code 2', async () => {
    const run = spawnSync(process.execPath, ['dist/server/index.js', '--no-sfu', '--redis', 'localhost:6379'], {
      encoding: 'utf8',
      env: { ...process.env, DEBUG: '' },
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--redis (or MOIM_REDIS): expected a URL like redis://127.0.0.1:6379');
  });
});
