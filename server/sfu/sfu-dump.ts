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

/** Every live worker (its routers and the rooms counted on it) and every room's router. */
export interface SfuDump {
  workers: { pid: number; rooms: number; routerIds: string[] }[];
  rooms: RouterDumpSummary[];
}

/** Collects `worker.dump()` and `router.dump()` of everything the SFU runs. */
export async function dumpMedia(pool: WorkerPool, rooms: readonly RoomMedia[]): Promise<SfuDump> {
  const loads = pool.loads();
  const workers = await Promise.all(
    pool.workers.map(async (worker, i) => ({
      pid: worker.pid,
      rooms: loads[i] ?? 0,
      routerIds: (await worker.dump()).routerIds,
    })),
  );
  const routers = await Promise.all(
    rooms.map(async (media) => {
      const dump = await media.router.dump();
      return {
        roomId: media.room.id,
        routerId: media.router.id,
        workerPid: media.worker.pid,
        transportIds: dump.transportIds,
        producerIds: Object.keys(dump.mapProducerIdConsumerIds),
        consumerIds: Object.keys(dump.mapConsumerIdProducerId),
        rtpObserverIds: dump.rtpObserverIds,
      };
    }),
  );
  return { workers, rooms: routers };
}
