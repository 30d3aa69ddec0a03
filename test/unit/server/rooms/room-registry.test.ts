// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { RoomRegistry } from '../../../../server/rooms/room-registry';
import { UNJOINED_PER_CREATOR } from '../../../../server/rooms/unjoined-rooms';
import type { MediaService } from '../../../../server/sfu/media-service';
import { UnavailableMediaService } from '../../../../server/sfu/unavailable-media-service';
import { connectedPeer, FakeClock, RecordingMediaService } from '../support/fakes';

function registry(media: MediaService = new UnavailableMediaService(), maxPeersPerRoom = 10) {
  const clock = new FakeClock();
  const rooms = new RoomRegistry({ clock, media, maxPeersPerRoom, maxRooms: 3, emptyRoomTtlMs: 1000 });
  return { rooms, clock };
}

describe('RoomRegistry', () => {
  it('creates rooms with unguessable url-safe ids', async () => {
    const { rooms } = registry();
    const a = await rooms.create('p2p');
    const b = await rooms.create('p2p');
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(a.id).not.toBe(b.id);
  });

  it('createRoom with a known roomId re-creates that room, and returns it while it is open', async () => {
    const { rooms } = registry();
    const again = await rooms.create('p2p', { roomId: 'kiosk-room-1' });
    expect(again.id).toBe('kiosk-room-1');
    await expect(rooms.create('p2p', { roomId: 'kiosk-room-1' })).resolves.toBe(again);
    expect(rooms.size).toBe(1);
  });

  it('createRoom with a known roomId of another mode or a private room rejects with INVALID_STATE', async () => {
    const { rooms } = registry();
    await rooms.create('p2p', { roomId: 'taken' });
    await expect(rooms.create('sfu', { roomId: 'taken' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const call = await rooms.create('p2p', { allowedPeerIds: ['a', 'b'] });
    await expect(rooms.create('p2p', { roomId: call.id })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('two concurrent createRoom requests for the same new id get the same room', async () => {
    const { rooms } = registry(new RecordingMediaService());
    const [a, b] = await Promise.all([
      rooms.create('sfu', { roomId: 'same' }),
      rooms.create('sfu', { roomId: 'same' }),
    ]);
    expect(a).toBe(b);
    expect(rooms.size).toBe(1);
  });

  it('joinRoom rejects with ROOM_NOT_FOUND for an unknown room', () => {
    const { rooms } = registry();
    expect(() => rooms.join(connectedPeer().peer, 'nope', 'presenter')).toThrow(
      expect.objectContaining({ code: 'ROOM_NOT_FOUND' }),
    );
  });

  it('join returns the members and tells the others peerJoined', async () => {
    const { rooms } = registry();
    const room = await rooms.create('p2p');
    const a = connectedPeer('Ann');
    const b = connectedPeer('Bob');
    expect(rooms.join(a.peer, room.id, 'presenter').members).toEqual([]);
    const joined = rooms.join(b.peer, room.id, 'presenter');
    expect(joined).toMatchObject({ roomId: room.id, mode: 'p2p', viewerCount: 0 });
    expect(joined.self).toEqual({ peerId: b.peer.id, displayName: 'Bob', role: 'presenter', published: [] });
    expect(joined.members).toEqual([{ peerId: a.peer.id, displayName: 'Ann', role: 'presenter', published: [] }]);
    expect(a.link.of('peerJoined')).toEqual([{ member: joined.self }]);
    expect(b.link.names()).toEqual([]);
  });

  it('joining the room one is already in returns a fresh snapshot without telling anyone', async () => {
    const { rooms } = registry();
    const room = await rooms.create('p2p');
    const a = connectedPeer();
    const b = connectedPeer();
    rooms.join(a.peer, room.id, 'presenter');
    rooms.join(b.peer, room.id, 'presenter');
    a.link.clear();
    expect(rooms.join(b.peer, room.id, 'viewer').members.map((m) => m.peerId)).toEqual([a.peer.id]);
    expect(b.peer.role).toBe('presenter');
    expect(a.link.names()).toEqual([]);
  });

  it('refuses a second room with ALREADY_IN_ROOM', async () => {
    const { rooms } = registry();
    const [r1, r2] = [await rooms.create('p2p'), await rooms.create('p2p')];
    const a = connectedPeer();
    rooms.join(a.peer, r1.id, 'presenter');
    expect(() => rooms.join(a.peer, r2.id, 'presenter')).toThrow(expect.objectContaining({ code: 'ALREADY_IN_ROOM' }));
  });

  it('refuses a full room with FORBIDDEN', async () => {
    const { rooms } = registry(undefined, 2);
    const room = await rooms.create('p2p');
    rooms.join(connectedPeer().peer, room.id, 'presenter');
    rooms.join(connectedPeer().peer, room.id, 'viewer');
    expect(() => rooms.join(connectedPeer().peer, room.id, 'presenter')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('publishes and unpublishes once each, telling the others, and refuses viewers with FORBIDDEN', async () => {
    const { rooms } = registry();
    const room = await rooms.create('p2p');
    const a = connectedPeer();
    const b = connectedPeer();
    const v = connectedPeer();
    rooms.join(a.peer, room.id, 'presenter');
    rooms.join(b.peer, room.id, 'presenter');
    rooms.join(v.peer, room.id, 'viewer');
    room.setPublished(a.peer, 'cam', true);
    room.setPublished(a.peer, 'cam', true);
    room.setPublished(a.peer, 'cam', false);
    expect(b.link.of('published')).toEqual([{ peerId: a.peer.id, kind: 'cam' }]);
    expect(b.link.of('unpublished')).toEqual([{ peerId: a.peer.id, kind: 'cam' }]);
    expect(a.link.of('published')).toEqual([]);
    expect(() => room.setPublished(v.peer, 'screen', true)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('leave tells the others peerLeft, and the last peer out closes the room', async () => {
    const { rooms } = registry();
    const room = await rooms.create('p2p');
    const a = connectedPeer();
    const b = connectedPeer();
    rooms.join(a.peer, room.id, 'presenter');
    rooms.join(b.peer, room.id, 'presenter');
    rooms.leave(b.peer);
    expect(a.link.of('peerLeft')).toEqual([{ peerId: b.peer.id }]);
    expect(b.peer.roomId).toBeNull();
    expect(rooms.get(room.id)).toBe(room);
    rooms.leave(a.peer);
    expect(rooms.get(room.id)).toBeUndefined();
    expect(() => rooms.leave(a.peer)).toThrow(expect.objectContaining({ code: 'NOT_IN_ROOM' }));
  });

  it('closes a room nobody joined once its empty TTL passes', async () => {
    const { rooms, clock } = registry();
    const unused = await rooms.create('p2p');
    const used = await rooms.create('p2p');
    rooms.join(connectedPeer().peer, used.id, 'presenter');
    clock.advance(1000);
    expect(rooms.get(unused.id)).toBeUndefined();
    expect(rooms.get(used.id)).toBe(used);
  });

  it('refuses to create more rooms than maxRooms with RATE_LIMITED', async () => {
    const { rooms } = registry();
    for (let i = 0; i < 3; i++) await rooms.create('p2p');
    await expect(rooms.create('p2p')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('lets one peer hold only a few rooms nobody joined yet (RATE_LIMITED), and joining frees a slot', async () => {
    const clock = new FakeClock();
    const media = new UnavailableMediaService();
    const rooms = new RoomRegistry({ clock, media, maxPeersPerRoom: 10, maxRooms: 100, emptyRoomTtlMs: 1000 });
    const creator = connectedPeer();
    const created = [];
    for (let i = 0; i < UNJOINED_PER_CREATOR; i++)
      created.push(await rooms.create('p2p', { creatorId: creator.peer.id }));
    await expect(rooms.create('p2p', { creatorId: creator.peer.id })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(rooms.create('p2p', { creatorId: 'someone-else' })).resolves.toBeDefined();
    rooms.join(connectedPeer().peer, created[0]!.id, 'presenter');
    await expect(rooms.create('p2p', { creatorId: creator.peer.id })).resolves.toBeDefined();
    clock.advance(1000);
    await expect(rooms.create('p2p', { creatorId: creator.peer.id })).resolves.toBeDefined();
  });

  it('a private room answers outsiders ROOM_NOT_FOUND and, once sealed, admits nobody new', async () => {
    const { rooms } = registry();
    const a = connectedPeer();
    const b = connectedPeer();
    const room = await rooms.create('p2p', { allowedPeerIds: [a.peer.id, b.peer.id] });
    expect(() => rooms.join(connectedPeer().peer, room.id, 'presenter')).toThrow(
      expect.objectContaining({ code: 'ROOM_NOT_FOUND' }),
    );
    rooms.join(a.peer, room.id, 'presenter');
    room.seal();
    expect(() => rooms.join(b.peer, room.id, 'presenter')).toThrow(expect.objectContaining({ code: 'ROOM_NOT_FOUND' }));
  });
});

describe('RoomRegistry in broadcast rooms', () => {
  it('hides viewers from everyone and pushes viewerCount instead of presence', async () => {
    const { rooms } = registry(new RecordingMediaService());
    const room = await rooms.create('broadcast');
    const presenter = connectedPeer();
    const v1 = connectedPeer();
    const v2 = connectedPeer();
    rooms.join(presenter.peer, room.id, 'presenter');
    expect(rooms.join(v1.peer, room.id, 'viewer')).toMatchObject({
      viewerCount: 1,
      members: [presenter.peer.member()],
    });
    const second = rooms.join(v2.peer, room.id, 'viewer');
    expect(second.viewerCount).toBe(2);
    expect(second.members.map((m) => m.peerId)).toEqual([presenter.peer.id]);
    expect(presenter.link.of('peerJoined')).toEqual([]);
    expect(presenter.link.of('viewerCount')).toEqual([{ count: 1 }, { count: 2 }]);
    expect(v1.link.of('viewerCount')).toEqual([{ count: 2 }]);
    expect(room.canSee(v1.peer, v2.peer)).toBe(false);
    expect(room.canSee(presenter.peer, v1.peer)).toBe(false);
    expect(room.canSee(v1.peer, presenter.peer)).toBe(true);

    rooms.leave(v1.peer);
    expect(presenter.link.of('viewerCount').at(-1)).toEqual({ count: 1 });
    expect(presenter.link.of('peerLeft')).toEqual([]);
  });
});

describe('RoomRegistry and the media service', () => {
  it('refuses sfu and broadcast rooms with MEDIA_SERVER_UNAVAILABLE when there is no media service', async () => {
    const { rooms } = registry();
    await expect(rooms.create('sfu')).rejects.toMatchObject({ code: 'MEDIA_SERVER_UNAVAILABLE' });
    await expect(rooms.create('broadcast')).rejects.toMatchObject({ code: 'MEDIA_SERVER_UNAVAILABLE' });
  });

  it('turns a media failure while creating into MEDIA_SERVER_UNAVAILABLE and leaves no room behind', async () => {
    const media = new RecordingMediaService();
    media.failCreate = true;
    const { rooms } = registry(media);
    await expect(rooms.create('sfu')).rejects.toMatchObject({ code: 'MEDIA_SERVER_UNAVAILABLE' });
    expect(rooms.size).toBe(0);
  });

  it('calls created → joined → left (before the others hear peerLeft) → closed, and never for p2p rooms', async () => {
    const media = new RecordingMediaService();
    const { rooms } = registry(media);
    await rooms.create('p2p');
    const room = await rooms.create('sfu');
    const a = connectedPeer();
    const b = connectedPeer();
    rooms.join(a.peer, room.id, 'presenter');
    rooms.join(b.peer, room.id, 'presenter');
    let inRoomWhenLeft = false;
    media.onPeerLeft = (r, p) => {
      if (p === b.peer) inRoomWhenLeft = r.get(p.id) === p && a.link.of('peerLeft').length === 0;
      media.calls.push(`left:${r.id}:${p.id}`);
    };
    rooms.leave(b.peer);
    rooms.leave(a.peer);
    expect(media.calls).toEqual([
      `created:${room.id}`,
      `joined:${room.id}:${a.peer.id}`,
      `joined:${room.id}:${b.peer.id}`,
      `left:${room.id}:${b.peer.id}`,
      `left:${room.id}:${a.peer.id}`,
      `closed:${room.id}`,
    ]);
    expect(inRoomWhenLeft).toBe(true);
  });

  it('keeps presence going when a media hook throws', async () => {
    const media = new RecordingMediaService();
    media.onPeerJoined = () => {
      throw new Error('boom');
    };
    const { rooms } = registry(media);
    const room = await rooms.create('sfu');
    const a = connectedPeer();
    const b = connectedPeer();
    rooms.join(a.peer, room.id, 'presenter');
    expect(() => rooms.join(b.peer, room.id, 'presenter')).not.toThrow();
    expect(a.link.of('peerJoined')).toHaveLength(1);
  });
});
