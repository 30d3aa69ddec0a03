import path from 'node:path';
import { ProtocolError } from '../../common/protocol';
import { createLogger } from '../log';
import { recordingHandlers } from '../recording/recording-handlers';
import { Recordings } from '../recording/recordings';
import { defaultDataDir } from '../tls/data-dir';
import type { Peer } from '../peers/peer';
import type { Room } from '../rooms/room';
import { consumerHandlers } from './consumer-handlers';
import { MediaPipes } from './media-pipes';
import type { MediaService, SfuHandlers } from './media-service';
import { AUDIO_LEVEL_OPTIONS, MEDIA_CODECS, type SfuSettings } from './media-settings';
import type { SfuRouter, SfuWorker } from './mediasoup-types';
import { producerHandlers } from './producer-handlers';
import { RoomMedia, type EdgeSource, type RouterSet } from './room-media';
import { dumpMedia, type SfuDump } from './sfu-dump';
import { transportHandlers } from './transport-handlers';
import { WorkerPool } from './worker-pool';

const log = createLogger('sfu');

/** Options for the mediasoup media service. */
export interface MediasoupMediaServiceOptions {
  settings: SfuSettings;
  /** Starts one mediasoup worker (mediasoup.createWorker, or a fake). */
  spawnWorker: () => Promise<SfuWorker>;
}

/**
 * The SFU behind 'sfu' and 'broadcast' rooms: a router per room on the least-loaded worker, the
 * protocol's SFU methods, the cleanup cascade (peer → transports → producers/consumers, room → router),
 * and recovery from a dead worker (its rooms move to a live one and their peers get mediaReset).
 */
export class MediasoupMediaService implements MediaService {
  readonly available = true;
  readonly handlers: SfuHandlers;
  readonly pipes: MediaPipes;
  private readonly rooms = new Map<string, RoomMedia>();
  private readonly pool: WorkerPool;
  private readonly edges: EdgeSource;
  private readonly recordings: Recordings;
  private closing = false;

  private constructor(options: MediasoupMediaServiceOptions) {
    this.pool = new WorkerPool({ spawn: options.spawnWorker, onWorkerLost: (dead) => void this.moveRooms(dead) });
    this.edges = {
      consumersPerRouter: options.settings.consumersPerRouter,
      openEdge: (exclude) => this.openEdge(exclude),
      closeEdge: ({ worker, router }) => {
        router.close();
        this.pool.release(worker);
      },
    };
    this.pipes = new MediaPipes({
      settings: options.settings,
      edges: this.edges,
      roomMedia: (roomId) => this.rooms.get(roomId),
    });
    const ctx = { settings: options.settings, media: (room: Room) => this.mediaOf(room) };
    this.recordings = new Recordings(options.settings.recordingDir ?? path.join(defaultDataDir(), 'recordings'));
    this.handlers = {
      ...transportHandlers(ctx),
      ...producerHandlers(ctx),
      ...consumerHandlers(ctx),
      ...recordingHandlers(ctx, this.recordings),
    };
  }

  /** Starts `settings.workers` workers and resolves with the running service. */
  static async start(options: MediasoupMediaServiceOptions): Promise<MediasoupMediaService> {
    const service = new MediasoupMediaService(options);
    await service.pool.start(options.settings.workers);
    return service;
  }

  async onRoomCreated(room: Room): Promise<void> {
    this.rooms.set(room.id, new RoomMedia(room, await this.openRouter(), this.edges));
    log.debug('onRoomCreated() | router open [room:%s]', room.id);
  }

  onPeerJoined(room: Room, peer: Peer): void {
    this.rooms.get(room.id)?.announceTo(peer);
  }

  onPeerLeft(room: Room, peer: Peer): void {
    this.recordings.peerLeft(room, peer);
    this.rooms.get(room.id)?.removePeer(peer);
  }

  onRoomClosed(room: Room): void {
    const media = this.rooms.get(room.id);
    if (!media) return;
    this.recordings.roomClosed(room);
    this.rooms.delete(room.id);
    media.close();
    this.pool.release(media.worker);
    log.debug('onRoomClosed() | router closed [room:%s]', room.id);
  }

  /** Ends every recording while the presenters' media still flows, so ffmpeg finishes each file at once. */
  finishRecordings(): Promise<void> {
    return this.recordings.closeAll();
  }

  async close(): Promise<void> {
    this.closing = true;
    // Every recording's file is finished before the routers go.
    await this.recordings.closeAll();
    this.pipes.close();
    for (const media of this.rooms.values()) media.close();
    this.rooms.clear();
    this.pool.close();
  }

  /** What every worker and router holds right now (from mediasoup's own dumps): tests prove cleanup with it. */
  dump(): Promise<SfuDump> {
    return dumpMedia(this.pool, [...this.rooms.values()], this.pipes);
  }

  /** The media of an open room: tests feed RTP straight into its routers with it. */
  roomMedia(roomId: string): RoomMedia | undefined {
    return this.rooms.get(roomId);
  }

  private mediaOf(room: Room): RoomMedia {
    const media = this.rooms.get(room.id);
    if (!media) throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', `room ${room.id} has no media router`);
    return media;
  }

  /** A router on the least-loaded worker outside `exclude`, to serve a big room's viewers. */
  private async openEdge(exclude: readonly SfuWorker[]): Promise<{ worker: SfuWorker; router: SfuRouter } | undefined> {
    const worker = this.pool.acquireOther(exclude);
    if (!worker) return undefined;
    try {
      return { worker, router: await worker.createRouter({ mediaCodecs: MEDIA_CODECS }) };
    } catch (error) {
      this.pool.release(worker);
      throw error;
    }
  }

  /** A router and its audio-level observer on the least-loaded worker. */
  private async openRouter(): Promise<RouterSet> {
    const worker = this.pool.acquire();
    try {
      const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
      try {
        const observer = await router.createAudioLevelObserver(AUDIO_LEVEL_OPTIONS);
        return { worker, router, observer };
      } catch (error) {
        router.close();
        throw error;
      }
    } catch (error) {
      this.pool.release(worker);
      throw error;
    }
  }

  /**
   * Moves every room with a router (origin or edge) on a dead worker to a new router and tells its peers to set
   * their media up again.
   */
  private async moveRooms(dead: SfuWorker): Promise<void> {
    this.pipes.workerLost(dead);
    for (const media of [...this.rooms.values()]) {
      if (!media.uses(dead)) continue;
      try {
        const next = await this.openRouter();
        if (media.closed || this.closing) {
          next.router.close();
          this.pool.release(next.worker);
          continue;
        }
        // The old origin may still run (an edge's worker died): its worker's share goes back (no-op if dead).
        this.pool.release(media.worker);
        media.reset(next);
        log.warn('moveRooms() | room moved to a new router [room:%s, worker:%d]', media.room.id, next.worker.pid);
      } catch (error) {
        log.error('moveRooms() | room lost its media [room:%s]: %o', media.room.id, error);
      }
    }
  }
}
