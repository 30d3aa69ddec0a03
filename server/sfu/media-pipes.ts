import type { PipeEvent } from '../../common/cluster/messages';
import { createLogger } from '../log';
import { consumerHandlers } from './consumer-handlers';
import { listenIpOf, PIPE_OPTIONS, type SfuSettings } from './media-settings';
import type { SfuWorker } from './mediasoup-types';
import { PipeExports } from './pipe-exports';
import type { EdgeSource, RoomMedia } from './room-media';
import { RoomMirror, type MirrorLink } from './room-mirror';
import type { RouterSlot } from './router-fleet';
import type { ReceiveContext } from './sfu-context';
import { mediaGone, mediasoupCall } from './sfu-errors';
import { transportHandlers } from './transport-handlers';

const log = createLogger('sfu:pipes');

/** What the pipes need of the media service. */
export interface MediaPipesOptions {
  settings: SfuSettings;
  edges: EdgeSource;
  /** The media of a room hosted here. */
  roomMedia(roomId: string): RoomMedia | undefined;
}

/** The receive-side handlers, as a mirror answers them. */
export type MirrorHandlers = ReturnType<typeof transportHandlers> & ReturnType<typeof consumerHandlers>;

/**
 * This SFU's media pipes to and from the other servers of a cluster: `exports` sends producers of the rooms hosted
 * here to the servers that serve their viewers; `mirror*` is the receiving end, one RoomMirror per room hosted
 * elsewhere that peers signed in here watch, and `handlers` answer their receive-side requests on it.
 */
export class MediaPipes {
  readonly exports: PipeExports;
  readonly handlers: MirrorHandlers;
  /** Tells another server about a change on this end of a pipe; set by the cluster when it starts. */
  tell: (server: string, event: PipeEvent) => void = () => undefined;
  private readonly mirrors = new Map<string, Promise<RoomMirror>>();
  private readonly open = new Map<string, RoomMirror>();

  constructor(private readonly options: MediaPipesOptions) {
    this.exports = new PipeExports(options.settings, (server, event) => this.tell(server, event));
    const ctx: ReceiveContext = {
      settings: options.settings,
      media: (room) => {
        const mirror = this.open.get(room.id);
        if (!mirror) throw mediaGone();
        return mirror;
      },
    };
    this.handlers = { ...transportHandlers(ctx), ...consumerHandlers(ctx) };
  }

  /** The media of a room hosted here. */
  roomMedia(roomId: string): RoomMedia | undefined {
    return this.options.roomMedia(roomId);
  }

  /** The open mirror of a room hosted elsewhere. */
  mirror(roomId: string): RoomMirror | undefined {
    return this.open.get(roomId);
  }

  /** Every open mirror. */
  allMirrors(): RoomMirror[] {
    return [...this.open.values()];
  }

  /** The mirror of a room hosted on `link.host`, opened on first use (a router here and its end of the pipe). */
  openMirror(roomId: string, link: MirrorLink): Promise<RoomMirror> {
    const open = this.open.get(roomId);
    if (open && !open.closed) return Promise.resolve(open);
    let opening = this.mirrors.get(roomId);
    if (!opening) {
      opening = this.build(roomId, link);
      this.mirrors.set(roomId, opening);
      opening.then(
        (mirror) => this.open.set(roomId, mirror),
        () => undefined,
      );
      void opening.finally(() => this.mirrors.delete(roomId)).catch(() => undefined);
    }
    return opening;
  }

  /**
   * Closes the mirrors whose routers ran on a worker that died; their peers get `mediaReset`, as the peers of a
   * room hosted here do, and set their media up again (a new mirror, a new send transport on the hosting server).
   */
  workerLost(worker: SfuWorker): void {
    for (const mirror of this.allMirrors()) if (mirror.uses(worker)) mirror.reset();
  }

  /** Closes every mirror (shutdown). */
  close(): void {
    for (const mirror of this.allMirrors()) mirror.close();
  }

  private async build(roomId: string, link: MirrorLink): Promise<RoomMirror> {
    const { edges, settings } = this.options;
    const origin: RouterSlot | undefined = await edges.openEdge([]);
    if (!origin) throw mediaGone();
    try {
      const options = { listenIp: listenIpOf(settings), ...PIPE_OPTIONS };
      const pipe = await mediasoupCall('createPipeTransport', () => origin.router.createPipeTransport(options));
      const mirror = new RoomMirror({
        roomId,
        origin,
        pipe,
        edges,
        link,
        onClose: (closed) => {
          if (this.open.get(roomId) === closed) this.open.delete(roomId);
          edges.closeEdge(origin);
        },
      });
      log.debug('build() | mirror open [room:%s, host:%s, router:%s]', roomId, link.host, origin.router.id);
      return mirror;
    } catch (error) {
      edges.closeEdge(origin);
      throw error;
    }
  }
}
