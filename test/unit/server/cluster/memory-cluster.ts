// An in-process stand-in for Redis, only for unit tests: several servers' backends share one MemoryCluster.
import type { RoomRecord } from '../../../../common/cluster/messages';
import type { LobbyUser } from '../../../../common/protocol';
import type { ClusterBackend, ClusterDirectory } from '../../../../server/cluster/cluster-backend';

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

  /** A backend of one server on this cluster. */
  backend(): ClusterBackend {
    const directory: ClusterDirectory = {
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
    return {
      directory,
      bus: {
        publish: (channel, message) => this.publish(channel, message),
        subscribe: async (channel, handler) => {
          this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), handler]);
        },
      },
      onReconnect: () => undefined,
      close: async () => undefined,
    };
  }
}
