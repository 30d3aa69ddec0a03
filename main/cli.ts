import { MAX_URL_LENGTH, roomId, type JoinLink } from '../common/ipc/schemas';
import { isServerList, parseServerList } from '../common/server-list';
import { parseLinkFragment } from '../common/ipc/link-fragment';

/** The scheme of Moim's room links: `moim://join/<room>?server=<url>`. */
export const DEEP_LINK_SCHEME = 'moim';

/** What the command line asked for. Kiosk server/room may come from config instead. */
export interface LaunchOptions {
  kiosk: boolean;
  server: string | null;
  room: string | null;
  /** Start the local room server right away. */
  hostRoom: boolean;
  /** A moim:// link passed by the OS (Windows/Linux put it in argv). */
  deepLink: string | null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const USAGE = 'usage: moim [--kiosk] [--server <ws|wss|http|https URL> --room <room id>] [--host-room]';
const VALUE_FLAGS = new Set(['--server', '--room']);
const BOOLEAN_FLAGS = new Set(['--kiosk', '--host-room']);

/**
 * Parses Moim's own flags out of argv. Anything else (Electron's path, the app path, Chromium switches)
 * is left alone, because Chromium and test drivers add switches of their own.
 */
export function parseCommandLine(argv: readonly string[]): Parsed<LaunchOptions> {
  const seen = new Map<string, string | true>();
  let deepLink: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) {
      deepLink ??= arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    if (!VALUE_FLAGS.has(flag) && !BOOLEAN_FLAGS.has(flag)) continue;
    if (seen.has(flag)) return fail(`${flag} was given twice`);
    if (BOOLEAN_FLAGS.has(flag)) {
      if (eq !== -1) return fail(`${flag} takes no value`);
      seen.set(flag, true);
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || value.startsWith('--')) return fail(`${flag} needs a value`);
    seen.set(flag, value);
  }
  const server = (seen.get('--server') as string | undefined) ?? null;
  const room = (seen.get('--room') as string | undefined) ?? null;
  const kiosk = seen.has('--kiosk');
  if (server !== null && !isServerList(server))
    return fail(`--server must be a ws, wss, http or https URL, or up to 8 separated by commas (got ${quote(server)})`);
  if (room !== null && !roomId.safeParse(room).success)
    return fail(`--room must be 1-64 letters, digits, '-' or '_' (got ${quote(room)})`);
  // Outside kiosk mode the pair means "join this room"; half of it is a mistake worth reporting.
  if (!kiosk && (server === null) !== (room === null)) return fail('--server and --room go together');
  // A server list stays one string, as settings keep it: ws(s) addresses separated by commas.
  const signaling = server === null ? null : parseServerList(server).join(',');
  return { ok: true, value: { kiosk, server: signaling, room, hostRoom: seen.has('--host-room'), deepLink } };
}

/**
 * Validates a `moim://join/<room>?server=<url>[#key=<presenter key>]` link strictly; anything unexpected is refused.
 * The key rides in the fragment, as in web links, so it is never part of a request anyone logs.
 */
export function parseDeepLink(link: string): Parsed<JoinLink> {
  if (link.length > MAX_URL_LENGTH) return { ok: false, error: 'link is too long' };
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, error: 'not a URL' };
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return { ok: false, error: 'not a moim:// link' };
  if (url.hostname !== 'join' || url.port || url.username || url.password)
    return { ok: false, error: 'only moim://join/ links are supported' };
  // Windows may append a slash to the path of a link it hands over.
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  const room = match?.[1];
  if (!room || !roomId.safeParse(room).success) return { ok: false, error: 'bad room id' };
  const keys = [...url.searchParams.keys()];
  if (keys.length !== 1 || keys[0] !== 'server') return { ok: false, error: 'expected exactly one server= parameter' };
  const server = url.searchParams.get('server')!;
  if (!isServerList(server)) return { ok: false, error: 'server must be a ws, wss, http or https URL, or several' };
  const secrets = parseLinkFragment(url.hash);
  if (secrets === null)
    return { ok: false, error: 'the only fragments a link may carry are a well-formed #key= and #token=' };
  const value: JoinLink = { serverUrl: parseServerList(server).join(','), roomId: room };
  return { ok: true, value: { ...value, ...secrets } };
}

/** The room the app was launched into: a deep link, or `--server` + `--room` outside kiosk mode. */
export function launchJoin(options: LaunchOptions): JoinLink | null {
  if (options.deepLink) {
    const parsed = parseDeepLink(options.deepLink);
    if (parsed.ok) return parsed.value;
  }
  if (!options.kiosk && options.server && options.room) return { serverUrl: options.server, roomId: options.room };
  return null;
}

function fail(error: string): Parsed<LaunchOptions> {
  return { ok: false, error: `${error}\n${USAGE}` };
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
