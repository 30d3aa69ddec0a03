import {
  defaultSettings as commonDefaults,
  LOCAL_SERVER_URL,
  MAX_RECENT_ROOMS,
  readFields,
  serverUrl,
  settingsSchema,
} from '../../common/ipc/settings';
import type { Settings } from '../bridge/types';
import { serverFromPage } from './links';

export { LOCAL_SERVER_URL, MAX_RECENT_ROOMS };

/** Default settings; the server address follows the page that loaded the app when it came over http(s). */
export function defaultSettings(env: { pageUrl?: string; locale?: string } = {}): Settings {
  return commonDefaults({ locale: env.locale, serverUrl: defaultServerUrl(env.pageUrl) });
}

/** The room server of a page served over http(s) is the same host over ws(s); elsewhere a local server. */
export function defaultServerUrl(pageUrl: string | undefined): string {
  try {
    const url = new URL(pageUrl ?? '');
    if (url.protocol === 'http:' || url.protocol === 'https:') return serverFromPage(url);
  } catch {
    // Not a URL: use the local default.
  }
  return LOCAL_SERVER_URL;
}

/** Reads settings from untrusted storage: anything that does not fit falls back to `defaults`, field by field. */
export function parseSettings(raw: unknown, defaults: Settings): Settings {
  return readFields(settingsSchema.shape, raw, defaults);
}

/** Parses a JSON string of settings; unreadable JSON gives the defaults. */
export function parseStoredSettings(json: string | null, defaults: Settings): Settings {
  if (json === null) return defaults;
  try {
    return parseSettings(JSON.parse(json), defaults);
  } catch {
    return defaults;
  }
}

/** Adds a room to the front of the recent list: no duplicates (same room and server), newest first, capped. */
export function addRecentRoom(list: Settings['recentRooms'], entry: Settings['recentRooms'][number]) {
  const rest = list.filter((r) => !(r.roomId === entry.roomId && r.serverUrl === entry.serverUrl));
  return [entry, ...rest].slice(0, MAX_RECENT_ROOMS);
}

/** True when `value` (surrounding spaces aside) is a room server address the settings schema accepts. */
export function isServerUrl(value: string): boolean {
  return serverUrl.safeParse(value.trim()).success;
}
