import type { MediaPipes } from './media-pipes';
import type { RouterDump, SfuRouter, SfuWorker } from './mediasoup-types';
import type { RoomMedia } from './room-media';
import type { WorkerPool } from './worker-pool';

/** What one router holds, as mediasoup itself reports it. */
export interface RouterDumpSummary {
  roomId: string;
  routerId: string;
  workerPid: number;
  transportIds: string[];
  producerIds: string[];
  consumerIds: string[];
  rtpObserverIds: string[];
}

/** Every live worker (its routers and the routers counted on it), every room's origin router and its edges. */
export interface SfuDump {
  workers: { pid: number; rooms: number; routerIds: string[] }[];
  rooms: RouterDumpSummary[];
  /** Edge routers (fed by pipeToRouter from their room's origin): they hold consumers and piped producers. */
  edgeRouters: RouterDumpSummary[];
  /** Routers of rooms hosted on other servers of a cluster, fed through PipeTransports from there (`roomId` theirs). */
  mirrorRouters: (RouterDumpSummary & { host: string })[];
  /** This server's ends of pipes to servers that serve viewers of rooms hosted here: one consumer per producer. */
  pipesOut: { roomId: string; server: string; transportId: string; producerIds: string[] }[];
}

/** Null for a router that closed before or during its dump (its room closing meanwhile): it holds nothing. */
async function summary(roomId: string, worker: SfuWorker, router: SfuRouter): Promise<RouterDumpSummary | null> {
  let dump: RouterDump;
  try {
    if (router.closed) return null;
    dump = await router.dump();
  } catch (error) {
    // mediasoup answers a dump of a router it already closed with "request handler ... not found".
    if (router.closed) return null;
    throw error;
  }
  return {
    roomId,
    routerId: router.id,
    workerPid: worker.pid,
    transportIds: dump.transportIds,
    producerIds: Object.keys(dump.mapProducerIdConsumerIds),
    consumerIds: Object.keys(dump.mapConsumerIdProducerId),
    rtpObserverIds: dump.rtpObserverIds,
  };
}

/** Collects `worker.dump()` and `router.dump()` of everything the SFU runs. */
export async function dumpMedia(pool: WorkerPool, rooms: readonly RoomMedia[], pipes: MediaPipes): Promise<SfuDump> {
  const loads = pool.loads();
  const workers = await Promise.all(
    pool.workers.map(async (worker, i) => ({
      pid: worker.pid,
      rooms: loads[i] ?? 0,
      routerIds: (await worker.dump()).routerIds,
    })),
  );
  const routers = await present(rooms.map((media) => summary(media.room.id, media.worker, media.router)));
  const edgeRouters = await present(
    rooms.flatMap((media) => media.edgeRouters.map((e) => summary(media.room.id, e.worker, e.router))),
  );
  const mirrorRouters = await present(
    pipes.allMirrors().flatMap((m) =>
      m.routers.map(async (r) => {
        const found = await summary(m.roomId, r.worker, r.router);
        return found && { ...found, host: m.host };
      }),
    ),
  );
  return { workers, rooms: routers, edgeRouters, mirrorRouters, pipesOut: await pipes.exports.describe() };
}

/** The summaries of the routers still open. */
async function present<T extends object>(summaries: Promise<T | null>[]): Promise<T[]> {
  const all: (T | null)[] = await Promise.all(summaries);
  return all.filter((s): s is T => s !== null);
}
