import type { RoomRecord } from '../../common/cluster/messages';
import { randomId } from '../ids';
import { createLogger } from '../log';
import type { Room } from '../rooms/room';
import type { Services } from '../services';
import type { Dispatcher } from '../signaling/dispatcher';
import { DIRECTORY_WAIT_MS, RECONNECT_BACKOFF_MAX_MS, within, type ClusterBackend } from './cluster-backend';
import { ClusterLobby } from './cluster-lobby';
import { ClusterRouting } from './cluster-routing';
import { ClusterRpc } from './cluster-rpc';
import { MirrorRouting } from './mirror-routing';
import { PipeServer } from './pipe-server';
import { RemotePeers } from './remote-peers';

const log = createLogger('cluster');

/** Options of a cluster node. */
export interface ClusterNodeOptions {
  backend: ClusterBackend;
  services: Services;
  dispatcher: Dispatcher;
  /** How often this server refreshes its directory entries; they expire after three missed beats. */
  heartbeatMs: number;
}

/**
 * This room server's membership in a cluster (`--redis`): it registers its rooms and lobby in the directory under a
 * heartbeat, answers requests of peers elsewhere about its rooms and calls, and forwards its own peers' requests
 * about rooms and calls elsewhere. A lost backend only stops what crosses servers; local rooms carry on.
 */
export class ClusterNode {
  readonly id = randomId(12);
  private readonly rpc: ClusterRpc;
  private readonly lobby: ClusterLobby;
  private readonly routing: ClusterRouting;
  private readonly remotePeers: RemotePeers;
  /** Media pipes to and from the other servers; null when this server has no SFU (no pipes: media stays on A). */
  private readonly pipes: PipeServer | null;
  /** The rooms hosted here, as the directory should show them. */
  private readonly rooms = new Map<string, RoomRecord>();
  /** When each known server was last seen alive in the directory. */
  private readonly lastSeen = new Map<string, number>();
  /**
   * From when the directory can be trusted to list every live server: after the backend comes back from an outage,
   * every server re-registers only once its own reconnect backoff lets it, which may be up to
   * `RECONNECT_BACKOFF_MAX_MS` later than this one.
   */
  private listedSince = 0;
  private timer: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;

  constructor(private readonly options: ClusterNodeOptions) {
    const { backend, services, dispatcher } = options;
    this.rpc = new ClusterRpc(this.id, backend.bus, services.clock);
    this.lobby = new ClusterLobby(this.id, services.lobby, backend.bus, backend.directory);
    const pipes = services.media.pipes;
    this.pipes = pipes ? new PipeServer(services, this.rpc, pipes) : null;
    const mirrors = pipes ? new MirrorRouting(services, this.rpc, pipes) : null;
    this.routing = new ClusterRouting(this.id, services, backend.directory, this.rpc, mirrors);
    this.remotePeers = new RemotePeers(services, dispatcher, this.rpc);
  }

  /** Joins the cluster: listens on the bus, registers, loads the lobby, then hooks into the server. */
  async start(): Promise<void> {
    const { services, dispatcher, backend } = this.options;
    await this.rpc.listen({
      serve: (request) => this.remotePeers.serve(request),
      deliver: (notify) => this.routing.deliver(notify),
      servePipe: async (request) =>
        this.pipes?.serve(request) ?? {
          id: 0,
          ok: false,
          error: { code: 'MEDIA_SERVER_UNAVAILABLE', message: 'this server has no media server (SFU)' },
        },
      pipeEvent: (event) => this.pipes?.event(event),
    });
    await this.beat();
    await this.lobby.start(await backend.directory.liveServers());
    services.rooms.onOpened((room) => this.roomOpened(room));
    services.rooms.onClosed((room) => this.roomClosed(room));
    services.calls.linkCluster({
      callee: (peerId) => {
        const found = this.lobby.find(peerId);
        const peer = { peerId, displayName: found?.user.displayName ?? '', ip: 'cluster' };
        return found && this.remotePeers.get(found.server, peer);
      },
      busy: (peer) => this.lobby.find(peer.id)?.user.busy ?? false,
    });
    services.cluster = this.routing;
    dispatcher.setForwarder((ctx, method, data) => this.routing.forward(ctx, method, data));
    backend.onReconnect(() => {
      this.listedSince = Date.now() + RECONNECT_BACKOFF_MAX_MS;
      void this.beat();
    });
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.timer.unref();
    log.debug('start() | joined the cluster [server:%s]', this.id);
  }

  /** Leaves the cluster: the heartbeat stops and this server's rooms leave the directory. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.rpc.close();
    this.remotePeers.closeAll();
    const drops = [...this.rooms.keys()].map((roomId) => this.options.backend.directory.dropRoom(roomId, this.id));
    await within(Promise.all(drops), DIRECTORY_WAIT_MS, []);
  }

  private async roomOpened(room: Room): Promise<void> {
    const allowed = room.allowedPeerIds;
    const record: RoomRecord = { server: this.id, mode: room.mode, ...(allowed ? { allowedPeerIds: allowed } : {}) };
    this.rooms.set(room.id, record);
    const ttl = this.options.heartbeatMs * 3;
    await within(this.options.backend.directory.claimRoom(room.id, record, ttl), DIRECTORY_WAIT_MS, record);
  }

  private roomClosed(room: Room): void {
    if (!this.rooms.delete(room.id)) return;
    this.options.backend.directory.dropRoom(room.id, this.id).catch(() => undefined);
  }

  /**
   * A server is taken for dead only once it has been missing from the directory for a whole TTL while the directory
   * could have listed it: right after Redis restarts, the others have not re-registered yet and must not lose their
   * rooms (and the members elsewhere their seats in them) for that.
   */
  private liveness(live: readonly string[]): (server: string) => boolean {
    const now = Date.now();
    for (const server of live) this.lastSeen.set(server, now);
    const ttl = this.options.heartbeatMs * 3;
    return (server) => {
      const seen = this.lastSeen.get(server);
      if (seen === undefined) this.lastSeen.set(server, now);
      return seen === undefined || now - Math.max(seen, this.listedSince) < ttl;
    };
  }

  /** One heartbeat: re-register everything, then let go of whatever belonged to servers that stopped beating. */
  private beat(): Promise<void> {
    this.beating ??= (async () => {
      const { directory } = this.options.backend;
      try {
        const lobby = this.options.services.lobby.localUsers();
        await directory.heartbeat(this.id, this.options.heartbeatMs * 3, this.rooms, lobby);
        const isAlive = this.liveness(await directory.liveServers());
        this.lobby.prune(isAlive);
        this.remotePeers.prune(isAlive);
        this.routing.prune(isAlive);
        this.pipes?.prune(isAlive);
        this.routing.isAlive = isAlive;
      } catch (error) {
        log.warn('beat() | heartbeat failed: %s', (error as Error).message);
      } finally {
        this.beating = null;
      }
    })();
    return this.beating;
  }
}
