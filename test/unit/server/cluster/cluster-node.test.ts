// @vitest-environment node
// Two in-process room servers clustered over the in-memory backend: the forwarding rules, fast.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../../server/server';
import { connectSignaling, type SignalingClient } from '../../../support/ws-client';
import { MemoryCluster } from './memory-cluster';

const cluster = new MemoryCluster();
let servers: RunningServer[] = [];
const open: SignalingClient[] = [];

beforeAll(async () => {
  for (let i = 0; i < 2; i++) {
    servers.push(await startServer({ port: 0, clusterHeartbeatMs: 100, cluster: cluster.backend() }));
  }
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

async function client(index: number, displayName: string): Promise<SignalingClient & { peerId: string }> {
  const c = await connectSignaling(servers[index]!.wsUrl);
  open.push(c);
  const { peerId } = await c.request('hello', { displayName });
  return Object.assign(c, { peerId });
}

describe('a cluster node', () => {
  it('checks permissions on the server hosting the room: a watcher elsewhere may not list viewers', async () => {
    const ann = await client(0, 'Ann');
    const bob = await client(1, 'Bob');
    const { roomId } = await ann.request('createRoom', { mode: 'p2p' });
    await ann.request('joinRoom', { roomId });
    const snapshot = await bob.request('joinRoom', { roomId, role: 'viewer' });
    expect(snapshot.self.role).toBe('viewer');
    await expect(bob.request('listViewers', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await ann.request('listViewers', {})).toMatchObject({ total: 1 });
  });

  it('drops malformed bus messages and keeps serving', async () => {
    for (const channel of [...cluster.servers.keys()].map((s) => `moim:srv:${s}`).concat('moim:lobby')) {
      cluster.publish(channel, { kind: 'request', from: '../x', requestId: -1 });
      cluster.publish(channel, 'not an object');
      cluster.publish(channel, { kind: 'notify', from: 'x', peerId: 'nobody', name: 'signal', data: {} });
    }
    const ann = await client(0, 'Ann');
    const bob = await client(1, 'Bob');
    const { roomId } = await bob.request('createRoom', { mode: 'p2p' });
    await bob.request('joinRoom', { roomId });
    expect((await ann.request('joinRoom', { roomId })).members.map((m) => m.displayName)).toEqual(['Bob']);
  });

  it('answers ALREADY_IN_ROOM for a second room while in a room hosted elsewhere, and leaving frees the peer', async () => {
    const ann = await client(0, 'Ann');
    const bob = await client(1, 'Bob');
    const first = await bob.request('createRoom', { mode: 'p2p' });
    const second = await bob.request('createRoom', { mode: 'p2p' });
    await ann.request('joinRoom', { roomId: first.roomId });
    await expect(ann.request('joinRoom', { roomId: second.roomId })).rejects.toMatchObject({ code: 'ALREADY_IN_ROOM' });
    await ann.request('leaveRoom', {});
    await expect(ann.request('leaveRoom', {})).rejects.toMatchObject({ code: 'NOT_IN_ROOM' });
    await ann.request('joinRoom', { roomId: second.roomId });
  });
});
