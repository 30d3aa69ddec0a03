import {
  readTokenClaims,
  type PublishKind,
  type RequestOf,
  type ResponseOf,
  type Role,
  type RoomMode,
} from '../../common/protocol';
import { hasCode } from './errors';
import { createLogger } from './log';
import type { SignalingClient } from './signaling-client';

const log = createLogger('engine:room-entry');

/** The room the engine is in (or getting back into), and what it needs to get back in. */
export interface RoomRef {
  roomId: string;
  mode: RoomMode;
  /** The role asked for; the server decides (a broadcast makes presenters only of key holders). */
  role: Role | undefined;
  /** The room's key: the presenter key of a broadcast, or the key every member of a meeting room gets. */
  presenterKey: string | undefined;
  /** The signed join token we were admitted with (a server with an auth secret); it also re-creates the room. */
  token?: string;
}

/** The joinRoom request that (re-)enters `room`, with the key and token when we hold them. */
export function joinRequest(room: {
  roomId: string;
  role?: Role;
  presenterKey?: string;
  token?: string;
}): RequestOf<'joinRoom'> {
  const { roomId, role, presenterKey, token } = room;
  return { roomId, ...(role ? { role } : {}), ...(presenterKey ? { presenterKey } : {}), ...(token ? { token } : {}) };
}

/**
 * The room a join token lets its holder open when it is not there yet: a presenter's (or member's) token for
 * `roomId` that names the room's mode. Null for anything else. The claims are read unverified; the server checks.
 */
export function roomToOpen(roomId: string, token: string | undefined): RoomRef | null {
  const claims = token === undefined ? null : readTokenClaims(token);
  if (!claims?.mode || claims.role === 'viewer' || claims.room !== roomId) return null;
  return { roomId, mode: claims.mode, role: undefined, presenterKey: undefined, token };
}

/**
 * Sends joinRoom; when the server still counts this (resumed) connection in another room, leaves it first so the
 * others drop our old media, then joins again.
 */
export async function joinOrReplace(
  client: SignalingClient,
  request: RequestOf<'joinRoom'>,
): Promise<ResponseOf<'joinRoom'>> {
  try {
    return await client.request('joinRoom', request);
  } catch (error) {
    if (!hasCode(error, 'ALREADY_IN_ROOM')) throw error;
  }
  await client.request('leaveRoom', {});
  return client.request('joinRoom', request);
}

/**
 * After a join failed with `error`: a room the server lost (a restart) is re-created under its id, which the server
 * allows only with the room's key (or, on a server with an auth secret, a token that may open it). Without either (a
 * viewer, a kiosk) nothing is re-created: `error` is rethrown and
 * the caller waits for a key holder to bring the room back — so a viewer can never set up a room of its own there.
 */
export async function recreateLostRoom(client: SignalingClient, room: RoomRef, error: unknown): Promise<void> {
  if (!hasCode(error, 'ROOM_NOT_FOUND') || (!room.presenterKey && !room.token)) throw error;
  const { mode, roomId, presenterKey, token } = room;
  // With a token the server decides by the token alone (a viewer's is refused); without, by the key.
  const request = token ? { mode, roomId, token } : { mode, roomId, presenterKey };
  // Still not there if that fails (e.g. no media server yet): the caller then waits and tries again.
  await client.request('createRoom', request).catch((reason: unknown) => {
    log.warn('recreateLostRoom() | could not re-create the room [room:%s]: %o', roomId, reason);
    throw error;
  });
}

/** Tells the room what we publish; a dropped connection is not a failure (the rejoin announces again). */
export async function announcePublished(client: SignalingClient, kind: PublishKind, published: boolean): Promise<void> {
  try {
    await client.request('setPublished', { kind, published });
  } catch (error) {
    if (!hasCode(error, 'CLOSED', 'TIMEOUT')) throw error;
    log.warn('announcePublished() | %s=%s not sent: %s', kind, published, (error as Error).message);
  }
}

/**
 * Runs `join`; if it fails and the invitation may open the room (a presenter's token with a mode), opens the room
 * and joins again.
 */
export async function joinOpening<T>(
  client: SignalingClient,
  roomId: string,
  token: string | undefined,
  join: () => Promise<T>,
): Promise<T> {
  try {
    return await join();
  } catch (error) {
    const toOpen = roomToOpen(roomId, token);
    if (!toOpen) throw error;
    await recreateLostRoom(client, toOpen, error);
    return join();
  }
}
