import { id as roomIdSchema, roomKey } from '../../common/protocol/primitives';

/** Where a room is: its id and the room server that holds it; a presenter link adds the room's key. */
export interface RoomAddress {
  roomId: string;
  serverUrl: string;
  presenterKey?: string;
}

/**
 * The key a presenter link carries in its fragment (`#key=…`): browsers never send a fragment in HTTP requests, so
 * the key stays out of server logs, proxies and Referer headers. '' when there is no key, null when it is malformed.
 */
export function keyFromFragment(url: URL): string | null {
  if (url.hash === '' || url.hash === '#') return '';
  const fragment = new URLSearchParams(url.hash.slice(1));
  const key = fragment.get('key');
  return key !== null && [...fragment.keys()].length === 1 && roomKey.safeParse(key).success ? key : null;
}

function withKey(address: RoomAddress, key: string): RoomAddress {
  return key ? { ...address, presenterKey: key } : address;
}

/** True when `value` has the shape of a room id. */
export function isRoomId(value: string): boolean {
  return roomIdSchema.safeParse(value).success;
}

/** The room server address that an http(s) page address implies (same host, ws or wss). */
export function serverFromPage(url: URL): string {
  return `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
}

function serverParam(url: URL): string | null {
  const server = url.searchParams.get('server');
  return server && /^wss?:\/\//i.test(server) ? server : null;
}

/**
 * Reads what a person typed or pasted to join a room: a bare room id, a deep link
 * `moim://join/<room>?server=<ws url>`, or a web link `https://host/?room=<id>[&server=<ws url>]`; either link may end
 * in `#key=<presenter key>` (a presenter link). A link without a server uses `fallbackServer` (deep links) or the
 * link's own host (web links). A malformed key makes the whole link invalid rather than silently a viewer's.
 */
export function parseJoinInput(input: string, fallbackServer: string): RoomAddress | null {
  const text = input.trim();
  if (isRoomId(text)) return { roomId: text, serverUrl: fallbackServer };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const key = keyFromFragment(url);
  if (key === null) return null;
  if (url.protocol === 'moim:') {
    // moim://join/<room>: WHATWG URL parsing puts "join" in the host for special-less schemes with "//".
    const parts = `${url.host}${url.pathname}`.split('/').filter(Boolean);
    const [verb, room] = parts;
    if (verb !== 'join' || room === undefined || parts.length !== 2) return null;
    const roomId = decodeURIComponent(room);
    return isRoomId(roomId) ? withKey({ roomId, serverUrl: serverParam(url) ?? fallbackServer }, key) : null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const roomId = url.searchParams.get('room');
    if (!roomId || !isRoomId(roomId)) return null;
    return withKey({ roomId, serverUrl: serverParam(url) ?? serverFromPage(url) }, key);
  }
  return null;
}

/**
 * The link to share for a room. A page served over http(s) shares a web link (the server parameter only when the
 * room server is not the page's own host); elsewhere (the desktop app) a `moim://join/` deep link. Only a
 * `presenterKey` passed here (never one inside `address`) makes it a presenter link, with the key in the fragment.
 */
export function buildRoomLink(address: RoomAddress, pageUrl: string, presenterKey?: string): string {
  const fragment = presenterKey ? `#key=${encodeURIComponent(presenterKey)}` : '';
  return `${roomLink(address, pageUrl)}${fragment}`;
}

function roomLink(address: RoomAddress, pageUrl: string): string {
  let page: URL | null = null;
  try {
    page = new URL(pageUrl);
  } catch {
    page = null;
  }
  if (page && (page.protocol === 'http:' || page.protocol === 'https:')) {
    const link = new URL(page.pathname, page.origin);
    link.searchParams.set('room', address.roomId);
    if (sameServer(serverFromPage(page), address.serverUrl) === false) {
      link.searchParams.set('server', address.serverUrl);
    }
    return link.toString();
  }
  return `moim://join/${encodeURIComponent(address.roomId)}?server=${encodeURIComponent(address.serverUrl)}`;
}

function sameServer(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}
