// @vitest-environment node
// A backend outage longer than the heartbeat's TTL, with the servers coming back one after the other, as their
// reconnect backoffs let them: nobody is taken for dead for coming back second.
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../../server/server';
import { connectSignaling, type SignalingClient } from '../../../support/ws-client';
import { MemoryCluster, type MemoryBackend } from './memory-cluster';

const HEARTBEAT_MS = 100;
const TTL_MS = 3 * HEARTBEAT_MS;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cluster = new MemoryCluster();
const backends: MemoryBackend[] = [cluster.backend(), cluster.backend()];
const servers: RunningServer[] = [];
const open: SignalingClient[] = [];

afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
});

async function client(index: number, displayName: string): Promise<SignalingClient> {
  const c = await connectSignaling(servers[index]!.wsUrl);
  open.push(c);
  await c.request('hello', { displayName });
  return c;
}

describe('a cluster after its backend was away', () => {
  it('keeps a member in a room hosted on a server that comes back later than its own', async () => {
    for (const backend of backends)
      servers.push(await startServer({ port: 0, clusterHeartbeatMs: HEARTBEAT_MS, cluster: backend }));
    const ann = await client(0, 'Ann');
    const bob = await client(1, 'Bob');
    const { roomId } = await bob.request('createRoom', { mode: 'p2p' });
    await bob.request('joinRoom', { roomId });
    await ann.request('joinRoom', { roomId });

    // The backend goes away for longer than a TTL and comes back empty; Ann's server finds it first.
    for (const backend of backends) backend.setReachable(false);
    await sleep(2 * TTL_MS);
    cluster.clear();
    backends[0]!.setReachable(true);
    // Ann's server beats into the empty directory for more than a TTL before Bob's is back.
    await sleep(2 * TTL_MS);
    backends[1]!.setReachable(true);
    await sleep(2 * HEARTBEAT_MS);

    // Ann still holds her seat in Bob's room: her leave is answered there, and a second one is refused.
    await ann.request('leaveRoom', {});
    await expect(ann.request('leaveRoom', {})).rejects.toMatchObject({ code: 'NOT_IN_ROOM' });
  });
});
