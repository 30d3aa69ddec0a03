// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { serverConfigSchema } from '../../../server/config';
import { Services } from '../../../server/services';
import { FakeClock, FakeLink } from './support/fakes';

const GRACE_MS = 5000;

async function setup() {
  const clock = new FakeClock();
  const config = serverConfigSchema.parse({ reconnectGraceMs: GRACE_MS });
  const services = new Services({ config, clock });
  const user = (name: string) => {
    const { peer, secret } = services.peers.create(name);
    const link = new FakeLink();
    peer.attach(link);
    return { peer, secret, link };
  };
  const room = await services.rooms.create('p2p');
  return { clock, services, user, room };
}

describe('Services.disconnected', () => {
  it('releases a peer that closed cleanly at once: room, lobby, call and session all hear about it', async () => {
    const { services, user, room } = await setup();
    const ann = user('Ann');
    const bob = user('Bob');
    services.rooms.join(ann.peer, room.id, 'presenter');
    services.rooms.join(bob.peer, room.id, 'presenter');
    services.lobby.enter(ann.peer);
    services.lobby.enter(bob.peer);
    const { callId } = services.calls.invite(ann.peer, bob.peer.id);
    const { sessionId, token } = services.sessions.create(ann.peer);
    services.sessions.join(bob.peer, sessionId, token);
    bob.link.clear();

    services.disconnected(ann.peer, false);
    expect(bob.link.of('peerLeft')).toEqual([{ peerId: ann.peer.id }]);
    expect(bob.link.of('callEnded')).toEqual([{ callId, reason: 'disconnected' }]);
    expect(bob.link.of('sessionEnded')).toEqual([{ sessionId, reason: 'peerLeft' }]);
    expect(bob.link.of('lobbyUserLeft')).toEqual([{ peerId: ann.peer.id }]);
    expect(services.peers.get(ann.peer.id)).toBeUndefined();
  });

  it('keeps the seat of a dropped peer for the grace period, then releases it', async () => {
    const { services, user, room, clock } = await setup();
    const ann = user('Ann');
    const bob = user('Bob');
    services.rooms.join(ann.peer, room.id, 'presenter');
    services.rooms.join(bob.peer, room.id, 'presenter');
    services.disconnected(ann.peer, true);
    clock.advance(GRACE_MS - 1);
    expect(bob.link.of('peerLeft')).toEqual([]);
    clock.advance(1);
    expect(bob.link.of('peerLeft')).toEqual([{ peerId: ann.peer.id }]);
  });

  it('lets a dropped peer resume within the grace period with no churn, delivering what it missed in order', async () => {
    const { services, user, room, clock } = await setup();
    const ann = user('Ann');
    const bob = user('Bob');
    services.rooms.join(ann.peer, room.id, 'presenter');
    services.rooms.join(bob.peer, room.id, 'presenter');
    services.disconnected(ann.peer, true);
    room.setPublished(bob.peer, 'cam', true);
    room.setPublished(bob.peer, 'mic', true);

    expect(services.peers.resume(ann.peer.id, 'wrong-secret-wrong-secret')).toBeUndefined();
    const resumed = services.peers.resume(ann.peer.id, ann.secret);
    expect(resumed).toBe(ann.peer);
    const fresh = new FakeLink();
    resumed!.attach(fresh);
    expect(fresh.of('published')).toEqual([
      { peerId: bob.peer.id, kind: 'cam' },
      { peerId: bob.peer.id, kind: 'mic' },
    ]);
    clock.advance(GRACE_MS * 2);
    expect(bob.link.of('peerLeft')).toEqual([]);
    expect(ann.peer.roomId).toBe(room.id);
  });

  it('releases at once when the grace period is zero', async () => {
    const clock = new FakeClock();
    const services = new Services({ config: serverConfigSchema.parse({ reconnectGraceMs: 0 }), clock });
    const { peer } = services.peers.create('Ann');
    services.disconnected(peer, true);
    expect(services.peers.get(peer.id)).toBeUndefined();
  });
});

describe('Services.close', () => {
  it('closes every room through the media hooks and stops every timer', async () => {
    const { services, user, room, clock } = await setup();
    const ann = user('Ann');
    services.rooms.join(ann.peer, room.id, 'presenter');
    services.sessions.create(ann.peer);
    await services.close();
    expect(services.rooms.size).toBe(0);
    expect(services.peers.size).toBe(0);
    expect(clock.pending).toBe(0);
  });
});
