import type { LobbyUser, NotificationOf } from '../../common/protocol';

/** A lobby change the server pushes after the full list it gave in `enterLobby`'s response. */
export type LobbyDelta =
  | { name: 'lobbyUserJoined'; data: NotificationOf<'lobbyUserJoined'> }
  | { name: 'lobbyUserLeft'; data: NotificationOf<'lobbyUserLeft'> }
  | { name: 'lobbyUserChanged'; data: NotificationOf<'lobbyUserChanged'> };

/**
 * The engine's copy of the lobby: the full list from entering, kept current by the server's deltas
 * (joined, left, busy changed), so listeners still get the whole list after every change.
 */
export class LobbyRoster {
  private readonly users = new Map<string, LobbyUser>();

  /** Starts over from a full list (entering the lobby) or from nothing (leaving it). */
  reset(users: readonly LobbyUser[]): LobbyUser[] {
    this.users.clear();
    for (const user of users) this.users.set(user.peerId, user);
    return this.list();
  }

  /** Applies one delta and returns the list after it. */
  apply(delta: LobbyDelta): LobbyUser[] {
    if (delta.name === 'lobbyUserLeft') this.users.delete(delta.data.peerId);
    // A change for someone we never heard join still tells us they are there.
    else this.users.set(delta.data.user.peerId, delta.data.user);
    return this.list();
  }

  private list(): LobbyUser[] {
    return [...this.users.values()];
  }
}
