// @vitest-environment node
// A clustered room server killed, and Redis restarted, under real processes: what lives on and what expires.
import { describe, expect, it } from 'vitest';
import { clusterForSuite, type ClusterClient } from './cluster-harness';
import { expectRelay } from './harness';

const cluster = clusterForSuite(3);

/** Retries `attempt` until it resolves (the cluster converges within a few heartbeats), at most `ms`. */
async function eventually<T>(attempt: () => Promise<T>, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe('Redis restarted while the servers run', () => {
  it('rooms on one server keep working without Redis, and the cluster works again once it is back', async () => {
    const ann = await cluster().client(0, 'Ann');
    const dan = await cluster().client(0, 'Dan');
    const { roomId } = await ann.request('createRoom', { mode: 'p2p' });
    await ann.request('joinRoom', { roomId });
    await dan.request('joinRoom', { roomId });

    let during = '';
    const bob = await cluster().client(1, 'Bob');
    await cluster().withoutRedis(async () => {
      // Without Redis: the local room relays, and a new local room opens (its directory entry waits for Redis).
      await expectRelay(ann, dan);
      await expectRelay(dan, ann);
      ({ roomId: during } = await bob.request('createRoom', { mode: 'p2p' }));
      await bob.request('joinRoom', { roomId: during });
    });
    // Back: every server has re-registered (its rooms with it), so members elsewhere can join both rooms again.
    const cat = await cluster().client(2, 'Cat');
    const snapshot = await eventually(() => cat.request('joinRoom', { roomId: during }));
    expect(snapshot.members.map((m) => m.displayName)).toEqual(['Bob']);
    await expectRelay(cat, bob);
    await cat.request('leaveRoom', {});
    const again = await eventually(() => cat.request('joinRoom', { roomId }));
    expect(again.members.map((m) => m.displayName).sort()).toEqual(['Ann', 'Dan']);
    await expectRelay(cat, ann);
  }, 30_000);
});

describe('a server killed', () => {
  it('drops out of the lobby and the directory, and its room is re-homed by the key its members hold', async () => {
    const ann = await cluster().client(0, 'Ann');
    const bob = await cluster().client(1, 'Bob');
    await ann.request('enterLobby', {});
    await bob.request('enterLobby', {});
    // Ann's server has heard of Bob (presence crosses servers over Redis), so it has a Bob to drop.
    await ann.notifications.waitFor('lobbyUserJoined', (j) => j.user.peerId === bob.peerId);
    const { roomId, presenterKey } = await bob.request('createRoom', { mode: 'p2p' });
    await bob.request('joinRoom', { roomId });
    const snapshot = await ann.request('joinRoom', { roomId });
    expect(snapshot.members.map((m) => m.displayName)).toEqual(['Bob']);

    const gone = ann.notifications.waitFor('lobbyUserLeft', (l) => l.peerId === bob.peerId, 10_000);
    const lost = ann.notifications.waitFor('roomLost', (n) => n.roomId === roomId, 10_000);
    process.kill(cluster().servers[1]!.pid, 'SIGKILL');
    // Its heartbeat stops, its entries expire (3 beats), and the other servers let its users go.
    await gone;
    // Ann, signed in on a live server, is told at once that she is out of the room (her client then rejoins).
    await lost;

    // Re-homing is what a client does after losing its server: re-create the room by id and key, then join.
    const cat: ClusterClient = await cluster().client(2, 'Cat');
    await eventually(() => ann.request('createRoom', { mode: 'p2p', roomId, presenterKey }));
    await ann.request('joinRoom', { roomId });
    const rehomed = await cat.request('joinRoom', { roomId });
    expect(rehomed.members.map((m) => m.displayName)).toEqual(['Ann']);
    await expectRelay(cat, ann);
  }, 30_000);
});
