// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CallManager } from '../../../../server/calls/call-manager';
import { Lobby } from '../../../../server/calls/lobby';
import { PeerRegistry } from '../../../../server/peers/peer-registry';
import { Peer } from '../../../../server/peers/peer';
import { RoomRegistry } from '../../../../server/rooms/room-registry';
import { UnavailableMediaService } from '../../../../server/sfu/unavailable-media-service';
import { FakeClock, FakeLink } from '../support/fakes';

const RING_MS = 5000;

function setup() {
  const clock = new FakeClock();
  const peers = new PeerRegistry({ clock });
  const rooms = new RoomRegistry({
    clock,
    media: new UnavailableMediaService(),
    maxPeersPerRoom: 10,
    maxRooms: 100,
    emptyRoomTtlMs: 60_000,
  });
  const lobby = new Lobby();
  const calls = new CallManager({ clock, peers, rooms, lobby, ringTimeoutMs: RING_MS });
  const user = (name: string, inLobby = true) => {
    const { peer } = peers.create(name);
    const link = new FakeLink();
    peer.attach(link);
    if (inLobby) lobby.enter(peer);
    return { peer, link };
  };
  return { clock, peers, rooms, lobby, calls, user };
}

describe('CallManager', () => {
  it('invite rings the callee with who is calling and tells the caller callRinging', () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    expect(bob.link.of('incomingCall')).toEqual([{ callId, from: { peerId: ann.peer.id, displayName: 'Ann' } }]);
    expect(ann.link.of('callRinging')).toEqual([{ callId }]);
  });

  it('marks both parties busy in the lobby while the call lasts', () => {
    const { calls, user, lobby } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const carl = user('Carl');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    expect(carl.link.of('lobbyUserChanged').map(({ user }) => [user.peerId, user.busy])).toEqual([
      [ann.peer.id, true],
      [bob.peer.id, true],
    ]);
    calls.cancel(ann.peer, callId);
    expect(lobby.listFor(carl.peer).map((u) => u.busy)).toEqual([false, false]);
    expect(carl.link.of('lobbyUserChanged').map(({ user }) => user.busy)).toEqual([true, true, false, false]);
  });

  it('accept opens a private p2p room only the two can join and tells both callAccepted', async () => {
    const { calls, user, rooms } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const eve = user('Eve');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    const { roomId } = await calls.accept(bob.peer, callId);
    expect(ann.link.of('callAccepted')).toEqual([{ callId, roomId }]);
    expect(bob.link.of('callAccepted')).toEqual([{ callId, roomId }]);
    expect(rooms.get(roomId)?.mode).toBe('p2p');
    rooms.join(ann.peer, roomId, 'presenter');
    expect(rooms.join(bob.peer, roomId, 'presenter').members.map((m) => m.peerId)).toEqual([ann.peer.id]);
    expect(() => rooms.join(eve.peer, roomId, 'presenter')).toThrow(
      expect.objectContaining({ code: 'ROOM_NOT_FOUND' }),
    );
  });

  it.each([
    ['decline', 'declined'],
    ['cancel', 'cancelled'],
  ] as const)('%s ends a ringing call as %s on both sides', (action, reason) => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    calls[action](action === 'decline' ? bob.peer : ann.peer, callId);
    expect(ann.link.of('callEnded')).toEqual([{ callId, reason }]);
    expect(bob.link.of('callEnded')).toEqual([{ callId, reason }]);
    expect([ann.peer.callId, bob.peer.callId]).toEqual([null, null]);
  });

  it('ends an unanswered call as timeout on both sides when the ring timeout passes', () => {
    const { calls, user, clock } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    clock.advance(RING_MS - 1);
    expect(ann.link.of('callEnded')).toEqual([]);
    clock.advance(1);
    expect(ann.link.of('callEnded')).toEqual([{ callId, reason: 'timeout' }]);
    expect(bob.link.of('callEnded')).toEqual([{ callId, reason: 'timeout' }]);
  });

  it('stops ringing once accepted: no timeout later', async () => {
    const { calls, user, clock } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    await calls.accept(bob.peer, callId);
    clock.advance(RING_MS * 2);
    expect(ann.link.of('callEnded')).toEqual([]);
  });

  it('ends the call as offline for an unknown callee or one not in the lobby, and the callee hears nothing', () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const hidden = user('Hidden', false);
    const a = calls.invite(ann.peer, 'no-such-peer');
    const b = calls.invite(ann.peer, hidden.peer.id);
    expect(ann.link.of('callEnded')).toEqual([
      { callId: a.callId, reason: 'offline' },
      { callId: b.callId, reason: 'offline' },
    ]);
    expect(hidden.link.names()).toEqual([]);
    expect(ann.peer.callId).toBeNull();
  });

  it('ends the call as busy when the callee is in another call, without disturbing that call', () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const carl = user('Carl');
    const first = calls.invite(ann.peer, bob.peer.id);
    bob.link.clear();
    const second = calls.invite(carl.peer, bob.peer.id);
    expect(carl.link.of('callEnded')).toEqual([{ callId: second.callId, reason: 'busy' }]);
    expect(bob.link.of('incomingCall')).toEqual([]);
    expect(bob.peer.callId).toBe(first.callId);
  });

  it('hangUp ends an active call as hungUp on both sides and seals its room', async () => {
    const { calls, user, rooms } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    const { roomId } = await calls.accept(bob.peer, callId);
    rooms.join(ann.peer, roomId, 'presenter');
    calls.hangUp(ann.peer, callId);
    expect(bob.link.of('callEnded')).toEqual([{ callId, reason: 'hungUp' }]);
    expect(ann.link.of('callEnded')).toEqual([{ callId, reason: 'hungUp' }]);
    expect(() => rooms.join(bob.peer, roomId, 'presenter')).toThrow(
      expect.objectContaining({ code: 'ROOM_NOT_FOUND' }),
    );
  });

  it('hangUp while ringing means decline for the callee and cancel for the caller', () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const first = calls.invite(ann.peer, bob.peer.id);
    calls.hangUp(bob.peer, first.callId);
    const second = calls.invite(ann.peer, bob.peer.id);
    calls.hangUp(ann.peer, second.callId);
    expect(ann.link.of('callEnded').map((e) => e.reason)).toEqual(['declined', 'cancelled']);
  });

  it('answers CALL_NOT_FOUND to anyone outside the call, for every action, and the parties hear nothing', async () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const eve = user('Eve');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    ann.link.clear();
    bob.link.clear();
    await expect(calls.accept(eve.peer, callId)).rejects.toMatchObject({ code: 'CALL_NOT_FOUND' });
    for (const action of ['decline', 'cancel', 'hangUp'] as const) {
      expect(() => calls[action](eve.peer, callId)).toThrow(expect.objectContaining({ code: 'CALL_NOT_FOUND' }));
    }
    expect(() => calls.hangUp(eve.peer, 'made-up')).toThrow(expect.objectContaining({ code: 'CALL_NOT_FOUND' }));
    expect([...ann.link.names(), ...bob.link.names()]).toEqual([]);
  });

  it('refuses out-of-turn actions with INVALID_STATE', async () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    await expect(calls.accept(ann.peer, callId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(() => calls.decline(ann.peer, callId)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => calls.cancel(bob.peer, callId)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(() => calls.invite(ann.peer, bob.peer.id)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    await calls.accept(bob.peer, callId);
    await expect(calls.accept(bob.peer, callId)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(() => calls.invite(ann.peer, ann.peer.id)).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('refuses calling yourself with BAD_REQUEST', () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    expect(() => calls.invite(ann.peer, ann.peer.id)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
  });

  it('ends the call as disconnected for the other side when a party leaves the server', async () => {
    const { calls, user } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    await calls.accept(bob.peer, callId);
    calls.peerGone(bob.peer);
    expect(ann.link.of('callEnded')).toEqual([{ callId, reason: 'disconnected' }]);
    expect(ann.peer.callId).toBeNull();
  });

  it('ends the call as hungUp when its room closes because both left it', async () => {
    const { calls, user, rooms } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    const { callId } = calls.invite(ann.peer, bob.peer.id);
    const { roomId } = await calls.accept(bob.peer, callId);
    rooms.join(ann.peer, roomId, 'presenter');
    rooms.join(bob.peer, roomId, 'presenter');
    rooms.leave(ann.peer);
    expect(ann.link.of('callEnded')).toEqual([]);
    rooms.leave(bob.peer);
    expect(ann.link.of('callEnded')).toEqual([{ callId, reason: 'hungUp' }]);
  });
});

describe('Lobby', () => {
  it('lists everyone but yourself and pushes only what changed to the others', () => {
    const { user, lobby } = setup();
    const ann = user('Ann');
    const bob = user('Bob');
    expect(ann.link.of('lobbyUserJoined')).toEqual([
      { user: { peerId: bob.peer.id, displayName: 'Bob', busy: false } },
    ]);
    expect(bob.link.of('lobbyUserJoined')).toEqual([]);
    expect(lobby.listFor(bob.peer)).toEqual([{ peerId: ann.peer.id, displayName: 'Ann', busy: false }]);
    lobby.leave(bob.peer);
    expect(ann.link.of('lobbyUserLeft')).toEqual([{ peerId: bob.peer.id }]);
    expect(lobby.leave(bob.peer)).toBe(false);
  });

  it('refuses more members from one address than allowed with RATE_LIMITED, others still enter', () => {
    const lobby = new Lobby(2);
    let n = 0;
    const fromIp = (ip: string) => new Peer({ id: `ip${++n}`, secret: 's'.repeat(32), displayName: 'x', ip });
    lobby.enter(fromIp('10.0.0.1'));
    lobby.enter(fromIp('10.0.0.1'));
    expect(() => lobby.enter(fromIp('10.0.0.1'))).toThrow(expect.objectContaining({ code: 'RATE_LIMITED' }));
    expect(lobby.enter(fromIp('10.0.0.2'))).toHaveLength(2);
  });
});
