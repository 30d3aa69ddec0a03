// @vitest-environment node
// Edge routers over fake workers: where receive transports go once a router is full, what gets piped, cleanup.
import { describe, expect, it } from 'vitest';
import { sfuSetup } from '../support/sfu-setup';

/** A broadcast with a presenter producing a camera, on `workers` workers and a limit of one consumer per router. */
async function broadcast(workers: number) {
  const s = await sfuSetup({ workers, settings: { consumersPerRouter: 1 } });
  const room = await s.createRoom('broadcast');
  const ann = s.join(room, 'Ann');
  const { producerId, transportId: sendId } = await s.produce(room, ann.peer, 'cam');
  const origin = s.spawner.workers.find((w) => w.routers.length > 0)!.routers[0]!;
  const viewer = async (name: string) => {
    const joined = s.join(room, name, 'viewer');
    return { ...joined, ...(await s.consume(room, joined.peer, producerId)) };
  };
  return { s, room, ann, producerId, sendId, origin, viewer };
}

describe('edge routers', () => {
  it('the origin takes receive transports up to the limit; the next viewer lands on a router on the other worker, fed by one pipe', async () => {
    const b = await broadcast(2);
    const first = await b.viewer('V1');
    expect(b.origin.transports.map((t) => t.id)).toContain(first.transportId);
    const second = await b.viewer('V2');
    const dump = await b.s.service.dump();
    expect(dump.edgeRouters).toHaveLength(1);
    const edge = dump.edgeRouters[0]!;
    expect(edge.workerPid).not.toBe(dump.rooms[0]!.workerPid);
    expect(edge.transportIds).toEqual([second.transportId]);
    expect(edge.consumerIds).toEqual([second.consumerId]);
    expect(b.origin.pipes.map((p) => [p.producerId, p.router.id])).toEqual([[b.producerId, edge.routerId]]);
  });

  it('once every worker has a router of the room, viewers go to the least-loaded one and no pipe is repeated', async () => {
    const b = await broadcast(2);
    for (const name of ['V1', 'V2', 'V3', 'V4']) await b.viewer(name);
    const dump = await b.s.service.dump();
    expect(dump.edgeRouters).toHaveLength(1);
    expect(dump.rooms[0]!.transportIds.length - 1).toBe(2); // the presenter's send transport + 2 viewers
    expect(dump.edgeRouters[0]!.transportIds).toHaveLength(2);
    expect(b.origin.pipes).toHaveLength(1);
  });

  it('with one worker there is no edge: everyone stays on the origin', async () => {
    const b = await broadcast(1);
    await b.viewer('V1');
    await b.viewer('V2');
    expect((await b.s.service.dump()).edgeRouters).toEqual([]);
    expect(b.origin.transports).toHaveLength(3);
  });

  it('a producer added later is piped to the edge and consumable there; closing it closes the edge consumer', async () => {
    const b = await broadcast(2);
    await b.viewer('V1');
    const v2 = await b.viewer('V2');
    const mic = await b.s.produce(b.room, b.ann.peer, 'mic', { transportId: b.sendId });
    expect(b.origin.pipes.map((p) => p.producerId)).toEqual([b.producerId, mic.producerId]);
    const consumed = await b.s.consume(b.room, v2.peer, mic.producerId, v2.transportId);
    expect((await b.s.service.dump()).edgeRouters[0]!.consumerIds).toContain(consumed.consumerId);
    await b.s.h.closeProducer(b.room, b.ann.peer, { producerId: mic.producerId });
    expect(v2.link.of('consumerClosed')).toEqual([{ consumerId: consumed.consumerId }]);
    expect((await b.s.service.dump()).edgeRouters[0]!.consumerIds).toEqual([v2.consumerId]);
  });

  it('the room closing closes its edge routers and gives their workers back', async () => {
    const b = await broadcast(2);
    const viewers = [await b.viewer('V1'), await b.viewer('V2')];
    for (const p of [b.ann, ...viewers]) b.s.rooms.leave(p.peer);
    const dump = await b.s.service.dump();
    expect(dump.edgeRouters).toEqual([]);
    expect(dump.workers.map((w) => [w.rooms, w.routerIds])).toEqual([
      [0, []],
      [0, []],
    ]);
  });

  it("an edge router's worker dying resets the room onto a fresh router (mediaReset), the edge forgotten", async () => {
    const b = await broadcast(2);
    const v1 = await b.viewer('V1');
    await b.viewer('V2');
    const edgePid = (await b.s.service.dump()).edgeRouters[0]!.workerPid;
    b.s.spawner.workers.find((w) => w.pid === edgePid)!.die();
    await expect.poll(() => v1.link.of('mediaReset')).toHaveLength(1);
    expect(b.origin.closed).toBe(true);
    expect((await b.s.service.dump()).edgeRouters).toEqual([]);
  });
});
