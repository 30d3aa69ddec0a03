import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RoomMode } from '../../common/protocol';

/**
 * A room's id is derived from its key and mode, so the server can tell who may re-create a room it lost (a restart)
 * without storing anything: only a client that holds the key can bring the id back, and only in the same mode.
 */

/** A new room key: 128 random bits, base64url (22 characters). */
export function newRoomKey(): string {
  return randomBytes(16).toString('base64url');
}

/** The room id a key opens in `mode`: 96 bits of SHA-256 over a domain tag, the mode and the key (16 characters). */
export function roomIdFor(mode: RoomMode, key: string): string {
  return createHash('sha256')
    .update(`moim-room\0${mode}\0${key}`, 'utf8')
    .digest()
    .subarray(0, 12)
    .toString('base64url');
}

/** True when `key` is the key of room `roomId` in `mode`; compared in constant time. */
export function keyOpens(roomId: string, mode: RoomMode, key: string | undefined): boolean {
  if (key === undefined) return false;
  const expected = Buffer.from(roomIdFor(mode, key), 'utf8');
  const actual = Buffer.from(roomId, 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
