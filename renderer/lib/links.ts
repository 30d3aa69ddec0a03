import { parseLinkFragment, type LinkSecrets } from '../../common/ipc/link-fragment';
import { id as roomIdSchema } from '../../common/protocol/primitives';
import { isSignalingList } from '../../common/server-list';

/**
 * Where a room is: its id and the room server that holds it; a presenter link adds the room's key, an operator's
 * invitation link (a server with an auth secret) a signed join token.
 */
export interface RoomAddress extends LinkSecrets {
  roomId: string;
  serverUrl: string;
}

/** The secrets a link carries in its fragment (see parseLinkFragment); null when malformed. */
export function secretsFromFragment(url: URL): LinkSecrets | null {
  return parseLinkFragment(url.hash);
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
  return server && isSignalingList(server) ? server : null;
}

/**
 * Reads what a person typed or pasted to join a room: a bare room id, a deep link
 * `moim://join/<room>?server=<ws url>`, or a web link `https://host/?room=<id>[&server=<ws url>]`; either link may end
 * in `#key=<presenter key>` (a presenter link) and/or `#token=<join token>` (an invitation). A link without a server
 * uses `fallbackServer` (deep links) or the link's own host (web links). A malformed key or token makes the whole link
 * invalid rather than silently a viewer's.
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
  const secrets = secretsFromFragment(url);
  if (secrets === null) return null;
  if (url.protocol === 'moim:') {
    // moim://join/<room>: WHATWG URL parsing puts "join" in the host for special-less schemes with "//".
    const parts = `${url.host}${url.pathname}`.split('/').filter(Boolean);
    const [verb, room] = parts;
    if (verb !== 'join' || room === undefined || parts.length !== 2) return null;
    const roomId = decodeURIComponent(room);
    return isRoomId(roomId) ? { roomId, serverUrl: serverParam(url) ?? fallbackServer, ...secrets } : null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') {
    const roomId = url.searchParams.get('room');
    if (!roomId || !isRoomId(roomId)) return null;
    return { roomId, serverUrl: serverParam(url) ?? serverFromPage(url), ...secrets };
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
