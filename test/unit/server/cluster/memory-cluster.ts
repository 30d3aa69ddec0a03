// An in-process stand-in for Redis, only for unit tests: several servers' backends share one MemoryCluster.
import type { RoomRecord } from '../../../../common/cluster/messages';
import type { LobbyUser } from '../../../../common/protocol';
import type { ClusterBackend, ClusterDirectory } from '../../../../server/cluster/cluster-backend';

/** One server's backend, which a test can cut off from the cluster and bring back (firing its reconnect). */
export interface MemoryBackend extends ClusterBackend {
  setReachable(reachable: boolean): void;
}

/** The shared state: directory entries with their expiry, and the bus's subscribers. */
export class MemoryCluster {
  readonly servers = new Map<string, number>();
  readonly rooms = new Map<string, { record: RoomRecord; until: number }>();
  readonly lobbies = new Map<string, { users: LobbyUser[]; until: number }>();
  private readonly subscribers = new Map<string, ((message: unknown) => void)[]>();

  /** Delivers a message (a JSON copy, on a later tick, like a real bus) to every subscriber of `channel`. */
  publish(channel: string, message: unknown): void {
    const text = JSON.stringify(message);
    for (const handler of this.subscribers.get(channel) ?? []) setImmediate(() => handler(JSON.parse(text)));
  }

  /** Forgets every entry, as a Redis restarted empty would. */
  clear(): void {
    this.servers.clear();
    this.rooms.clear();
    this.lobbies.clear();
  }

  /** A backend of one server on this cluster. */
  backend(): MemoryBackend {
    let reachable = true;
    const reconnected: (() => void)[] = [];
    const shared: ClusterDirectory = {
      heartbeat: async (server, ttlMs, rooms, lobby) => {
        const until = Date.now() + ttlMs;
        this.servers.set(server, until);
        for (const [roomId, record] of rooms) this.rooms.set(roomId, { record, until });
        this.lobbies.set(server, { users: lobby, until });
      },
      liveServers: async () => [...this.servers].filter(([, until]) => until > Date.now()).map(([server]) => server),
      claimRoom: async (roomId, record, ttlMs) => {
        const held = this.rooms.get(roomId);
        if (held && held.until > Date.now()) return held.record;
        this.rooms.set(roomId, { record, until: Date.now() + ttlMs });
        return record;
      },
      findRoom: async (roomId) => {
        const held = this.rooms.get(roomId);
        return held && held.until > Date.now() ? held.record : null;
      },
      dropRoom: async (roomId, server) => {
        if (this.rooms.get(roomId)?.record.server === server) this.rooms.delete(roomId);
      },
      lobby: async (servers) =>
        servers.flatMap((server) => (this.lobbies.get(server)?.users ?? []).map((user) => ({ server, user }))),
    };
    // Cut off, every directory call fails as a Redis call would once its retries run out.
    const directory = Object.fromEntries(
      Object.entries(shared).map(([name, call]) => [
        name,
        (...args: unknown[]) =>
          reachable ? (call as (...a: unknown[]) => unknown)(...args) : Promise.reject(new Error('unreachable')),
      ]),
    ) as unknown as ClusterDirectory;
    return {
      directory,
      setReachable: (next) => {
        const back = next && !reachable;
        reachable = next;
        if (back) for (const listener of reconnected) listener();
      },
      bus: {
        publish: (channel, message) => reachable && this.publish(channel, message),
        subscribe: async (channel, handler) => {
          this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), handler]);
        },
      },
      onReconnect: (listener) => reconnected.push(listener),
      close: async () => undefined,
    };
  }
}
