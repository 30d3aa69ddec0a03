import type { LobbyUser } from '../../common/protocol';
import type { RoomRecord } from '../../common/cluster/messages';

/**
 * The shared directory of a cluster of room servers: which servers are alive, which server hosts which room, who is
 * in the lobby where. Every entry a server writes lives only as long as its heartbeat keeps refreshing it, so a dead
 * server's entries disappear on their own.
 */
export interface ClusterDirectory {
  /** Says this server is alive for `ttlMs` more; re-writes its rooms and lobby users (they may have been lost). */
  heartbeat(server: string, ttlMs: number, rooms: ReadonlyMap<string, RoomRecord>, lobby: LobbyUser[]): Promise<void>;
  /** The servers whose heartbeat has not run out. */
  liveServers(): Promise<string[]>;
  /** Records a room unless another server already hosts it; returns the record that holds. */
  claimRoom(roomId: string, record: RoomRecord, ttlMs: number): Promise<RoomRecord>;
  /** The record of a room, if any server hosts it. */
  findRoom(roomId: string): Promise<RoomRecord | null>;
  /** Forgets a room this server hosted. */
  dropRoom(roomId: string, server: string): Promise<void>;
  /** Every lobby user of every live server. */
  lobby(servers: readonly string[]): Promise<{ server: string; user: LobbyUser }[]>;
}

/** Pub/sub between the room servers of a cluster; messages are JSON values, validated by whoever receives them. */
export interface ClusterBus {
  /** Sends a message to everyone subscribed to `channel`; lost if nobody is (or the bus is down). */
  publish(channel: string, message: unknown): void;
  /** Calls `handler` with every message on `channel`, from now on. */
  subscribe(channel: string, handler: (message: unknown) => void): Promise<void>;
}

/** A directory and a bus on one backend (Redis, or a fake in unit tests). */
export interface ClusterBackend {
  readonly directory: ClusterDirectory;
  readonly bus: ClusterBus;
  /** Calls `listener` each time the backend comes back after being unreachable. */
  onReconnect(listener: () => void): void;
  /** Closes the connections; safe to call twice. */
  close(): Promise<void>;
}

/**
 * The longest a server takes to find the backend again after an outage (the ceiling of its reconnect backoff):
 * for that long after this server is back, a server missing from the directory may simply not be back yet.
 */
export const RECONNECT_BACKOFF_MAX_MS = 2_000;

export /** Directory look-ups that take longer than this (Redis unreachable) are given up: local work goes on. */
const DIRECTORY_WAIT_MS = 1_000;

/** Resolves with `promise`, or with `fallback` once `ms` passed (the backend may be away). */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      () => (clearTimeout(timer), resolve(fallback)),
    );
  });
}

/** The backend could not be reached at start: the server refuses to start rather than run half-clustered. */
export class ClusterUnavailableError extends Error {
  override readonly name = 'ClusterUnavailableError';
}
