import { lobbyEvent, type LobbyEvent } from '../../common/cluster/messages';
import type { LobbyUser, NotificationOf } from '../../common/protocol';
import type { Lobby, LobbyClusterLink } from '../calls/lobby';
import { createLogger } from '../log';
import type { ClusterBus, ClusterDirectory } from './cluster-backend';

const log = createLogger('cluster:lobby');

/** The cluster-wide lobby channel: every server announces its members' changes there. */
const LOBBY_CHANNEL = 'moim:lobby';

/**
 * One lobby across the cluster: each server keeps its own members, mirrors the others' from the directory and the
 * lobby channel, and tells its members about changes elsewhere as if they had happened here.
 */
export class ClusterLobby implements LobbyClusterLink {
  private readonly remote = new Map<string, { server: string; user: LobbyUser }>();

  constructor(
    private readonly me: string,
    private readonly lobby: Lobby,
    private readonly bus: ClusterBus,
    private readonly directory: ClusterDirectory,
  ) {}

  /** Links the local lobby, listens to the channel and loads who is already in the lobby elsewhere. */
  async start(liveServers: readonly string[]): Promise<void> {
    this.lobby.linkCluster(this);
    await this.bus.subscribe(LOBBY_CHANNEL, (raw) => this.receive(raw));
    await this.reload(liveServers);
  }

  /** Re-reads the other servers' members from the directory (after start, or after Redis came back). */
  async reload(liveServers: readonly string[]): Promise<void> {
    const others = liveServers.filter((server) => server !== this.me);
    for (const { server, user } of await this.directory.lobby(others)) this.remote.set(user.peerId, { server, user });
  }

  /** The members elsewhere, as listed to a member here. */
  remoteUsers(): LobbyUser[] {
    return [...this.remote.values()].map(({ user }) => user);
  }

  /** The server a lobby member elsewhere is on, with its busy flag. */
  find(peerId: string): { server: string; user: LobbyUser } | undefined {
    return this.remote.get(peerId);
  }

  /** Announces a change of the local lobby to the other servers. */
  changed(name: 'lobbyUserJoined' | 'lobbyUserLeft' | 'lobbyUserChanged', data: NotificationOf<typeof name>): void {
    const event: LobbyEvent =
      'peerId' in data
        ? { kind: 'left', server: this.me, peerId: data.peerId }
        : { kind: name === 'lobbyUserJoined' ? 'entered' : 'changed', server: this.me, user: data.user };
    this.bus.publish(LOBBY_CHANNEL, event);
  }

  /** Forgets the members of servers that are no longer alive, telling the members here they left. */
  prune(isAlive: (server: string) => boolean): void {
    for (const [peerId, { server }] of this.remote) {
      if (isAlive(server)) continue;
      log.debug('prune() | server gone, dropping lobby member [server:%s, peer:%s]', server, peerId);
      this.remote.delete(peerId);
      this.lobby.announce('lobbyUserLeft', { peerId });
    }
  }

  private receive(raw: unknown): void {
    const parsed = lobbyEvent.safeParse(raw);
    if (!parsed.success) return log.warn('receive() | dropped a malformed lobby event');
    const event = parsed.data;
    if (event.server === this.me) return;
    if (event.kind === 'left') {
      if (!this.remote.delete(event.peerId)) return;
      this.lobby.announce('lobbyUserLeft', { peerId: event.peerId });
      return;
    }
    const known = this.remote.has(event.user.peerId);
    this.remote.set(event.user.peerId, { server: event.server, user: event.user });
    this.lobby.announce(known ? 'lobbyUserChanged' : 'lobbyUserJoined', { user: event.user });
  }
}
