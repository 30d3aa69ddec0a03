// @vitest-environment node
// The SFU's room lifecycle over fake mediasoup objects: worker choice, cleanup cascades, late joiners,
// active speaker, requests racing a leave, and recovery from a dead worker.
import { describe, expect, it } from 'vitest';
import { sfuSetup } from '../support/sfu-setup';

describe('worker choice', () => {
  it('puts each new room on the least-loaded worker and frees its slot when the room closes', async () => {
    const s = await sfuSetup({ workers: 2 });
    const [w1, w2] = s.spawner.workers;
    const a = await s.createRoom();
    await s.createRoom('broadcast');
    await s.createRoom();
    expect([w1!.routers.length, w2!.routers.length]).toEqual([2, 1]);
    const { peer } = s.join(a, 'Ann');
    s.rooms.leave(peer);
    expect(w1!.routers[0]!.closed).toBe(true);
    await s.createRoom();
    expect([w1!.routers.length, w2!.routers.length]).toEqual([3, 1]);
    expect((await s.service.dump()).workers.map((w) => w.rooms)).toEqual([2, 1]);
  });
});

describe('announcing producers', () => {
  it('a viewer who joined before anything was published gets newProducer when the presenter publishes', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom('broadcast');
    const viewer = s.join(room, 'Viewer', 'viewer');
    const presenter = s.join(room, 'Presenter');
    expect(viewer.link.of('newProducer')).toEqual([]);
    const { producerId } = await s.produce(room, presenter.peer, 'screen');
    expect(viewer.link.of('newProducer')).toEqual([
      { peerId: presenter.peer.id, producerId, kind: 'video', source: 'screen', paused: false },
    ]);
  });

  it('a peer who joins later gets newProducer for every producer already in the room', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom();
    const ann = s.join(room, 'Ann');
    const cam = await s.produce(room, ann.peer, 'cam');
    const mic = await s.produce(room, ann.peer, 'mic', { transportId: cam.transportId, paused: true });
    const late = s.join(room, 'Late', 'viewer');
    expect(late.link.of('newProducer')).toEqual([
      { peerId: ann.peer.id, producerId: cam.producerId, kind: 'video', source: 'cam', paused: false },
      { peerId: ann.peer.id, producerId: mic.producerId, kind: 'audio', source: 'mic', paused: true },
    ]);
  });
});

describe('cleanup cascade', () => {
  it('closeProducer closes its consumers: their owners get consumerClosed, everyone producerClosed, presence unpublished', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom();
    const [ann, bob, cy] = [s.join(room, 'Ann'), s.join(room, 'Bob'), s.join(room, 'Cy')];
    const { producerId } = await s.produce(room, ann.peer, 'cam');
    const { consumerId } = await s.consume(room, bob.peer, producerId);
    await s.h.closeProducer(room, ann.peer, { producerId });
    expect(bob.link.of('consumerClosed')).toEqual([{ consumerId }]);
    for (const other of [bob, cy]) {
      expect(other.link.of('producerClosed')).toEqual([{ peerId: ann.peer.id, producerId }]);
      expect(other.link.of('unpublished')).toEqual([{ peerId: ann.peer.id, kind: 'cam' }]);
    }
    const dump = (await s.service.dump()).rooms[0]!;
    expect([dump.producerIds, dump.consumerIds]).toEqual([[], []]);
    await expect(s.h.resumeConsumer(room, bob.peer, { consumerId })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
  });

  it("leaving closes the peer's transports, producers and consumers; the others hear producerClosed before peerLeft", async () => {
    const s = await sfuSetup();
    const room = await s.createRoom();
    const [ann, bob] = [s.join(room, 'Ann'), s.join(room, 'Bob')];
    const { producerId } = await s.produce(room, ann.peer, 'cam');
    const bobs = await s.produce(room, bob.peer, 'mic');
    await s.consume(room, ann.peer, bobs.producerId);
    const bobsRecv = (await s.consume(room, bob.peer, producerId)).transportId;
    bob.link.clear();
    s.rooms.leave(ann.peer);
    expect(bob.link.names()).toEqual(['consumerClosed', 'producerClosed', 'peerLeft']);
    const dump = (await s.service.dump()).rooms[0]!;
    expect(dump.transportIds).toEqual([bobs.transportId, bobsRecv]);
    expect(dump.producerIds).toEqual([bobs.producerId]);
    expect(dump.consumerIds).toEqual([]);
  });

  it('the last peer out closes the router and its observer, and the dump lists no room', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom();
    const ann = s.join(room, 'Ann');
    await s.produce(room, ann.peer, 'mic');
    s.rooms.leave(ann.peer);
    const router = s.spawner.workers[0]!.routers[0]!;
    expect([router.closed, router.observers[0]!.closed, router.transports[0]!.closed]).toEqual([true, true, true]);
    expect(await s.service.dump()).toEqual({
      workers: [{ pid: s.spawner.workers[0]!.pid, rooms: 0, routerIds: [] }],
      rooms: [],
      edgeRouters: [],
      mirrorRouters: [],
      pipesOut: [],
    });
  });

  it('a router closed while the dump runs (its room closing) is left out, not a failed dump', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom();
    const ann = s.join(room, 'Ann');
    await s.produce(room, ann.peer, 'mic');
    const router = s.spawner.workers[0]!.routers[0]!;
    // Closed under the room's feet, as the worker sees it when the room closes between listing and dumping.
    router.closed = true;
    await expect(s.service.dump()).resolves.toMatchObject({ rooms: [] });
  });

  it('a transport created while its peer was leaving is closed and the request fails with INVALID_STATE', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom();
    const [ann] = [s.join(room, 'Ann'), s.join(room, 'Bob')];
    const transportId = await s.transport(room, ann.peer, 'send');
    const transport = s.spawner.workers[0]!.routers[0]!.transports[0]!;
    let open!: () => void;
    transport.gate = new Promise((resolve) => (open = resolve));
    const request = s.h.produce(room, ann.peer, {
      transportId,
      kind: 'audio',
      rtpParameters: { codecs: [] },
      source: 'mic',
    });
    s.rooms.leave(ann.peer);
    open();
    await expect(request).rejects.toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
    expect(transport.producers.every((p) => p.closed)).toBe(true);
  });

  it('close() closes every router and worker', async () => {
    const s = await sfuSetup({ workers: 2 });
    await s.createRoom();
    await s.service.close();
    expect(s.spawner.workers.map((w) => [w.closed, w.routers.every((r) => r.closed)])).toEqual([
      [true, true],
      [true, true],
    ]);
  });
});

describe('active speaker', () => {
  it('tells the room the loudest peer once per change, and null on silence', async () => {
    const s = await sfuSetup();
    const room = await s.createRoom('broadcast');
    const [ann, viewer] = [s.join(room, 'Ann'), s.join(room, 'Viewer', 'viewer')];
    const { producerId } = await s.produce(room, ann.peer, 'mic');
    const observer = s.spawner.workers[0]!.routers[0]!.observers[0]!;
    observer.loudest(producerId);
    observer.loudest(producerId);
    observer.loudest('unknown-producer');
    observer.silence();
    observer.silence();
    expect(viewer.link.of('activeSpeaker')).toEqual([{ peerId: ann.peer.id }, { peerId: null }]);
    observer.loudest(producerId);
    s.rooms.leave(ann.peer);
    expect(viewer.link.of('activeSpeaker').at(-1)).toEqual({ peerId: null });
  });
});

describe('worker death', () => {
  it("moves the dead worker's rooms to a new router and tells every peer mediaReset", async () => {
    const s = await sfuSetup({ workers: 1 });
    const room = await s.createRoom('broadcast');
    const [ann, viewer] = [s.join(room, 'Ann'), s.join(room, 'Viewer', 'viewer')];
    const { producerId } = await s.produce(room, ann.peer, 'cam');
    const [dead] = s.spawner.workers;
    dead!.die();
    await expect.poll(() => viewer.link.of('mediaReset')).toHaveLength(1);
    expect(ann.link.of('mediaReset')).toHaveLength(1);
    expect(viewer.link.of('producerClosed')).toEqual([]);
    const fresh = s.spawner.workers[1]!;
    expect(fresh.routers).toHaveLength(1);
    await expect(s.consume(room, viewer.peer, producerId)).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    const again = await s.produce(room, ann.peer, 'cam');
    expect(viewer.link.of('newProducer').at(-1)).toMatchObject({ producerId: again.producerId });
    expect((await s.service.dump()).rooms[0]).toMatchObject({ workerPid: fresh.pid, producerIds: [again.producerId] });
  });
});
