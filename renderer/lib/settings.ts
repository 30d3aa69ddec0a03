import { z } from 'zod';
import type { Settings } from '../bridge/types';
import { serverFromPage } from './links';

/** Most recent rooms kept in settings. */
export const MAX_RECENT_ROOMS = 8;

const serverUrl = z
  .string()
  .max(2048)
  .regex(/^wss?:\/\/\S+$/i, 'expected a ws:// or wss:// URL');
const deviceId = z.string().max(512).nullable();
const iceServer = z.object({
  urls: z.union([z.string().min(1).max(512), z.array(z.string().min(1).max(512)).min(1).max(8)]),
  username: z.string().max(256).optional(),
});
const recentRoom = z.object({ roomId: z.string().min(1).max(64), serverUrl, joinedAt: z.number() });

/**
 * The settings schema with a fallback for every field: a corrupt or outdated field falls back to its default
 * on its own, so one bad value never throws away the rest and never crashes start-up.
 */
export function settingsSchema(defaults: Settings) {
  return z.object({
    serverUrl: serverUrl.catch(defaults.serverUrl),
    displayName: z.string().max(64).catch(defaults.displayName),
    language: z.enum(['ko', 'en']).catch(defaults.language),
    cameraId: deviceId.catch(defaults.cameraId),
    microphoneId: deviceId.catch(defaults.microphoneId),
    speakerId: deviceId.catch(defaults.speakerId),
    iceServers: z.array(iceServer).max(16).catch(defaults.iceServers),
    kiosk: z
      .object({ enabled: z.boolean(), serverUrl: z.string().max(2048), roomId: z.string().max(64) })
      .catch(defaults.kiosk),
    recentRooms: z.array(recentRoom).max(MAX_RECENT_ROOMS).catch(defaults.recentRooms),
  });
}

/** Default settings; the server address follows the page that loaded the app when it came over http(s). */
export function defaultSettings(env: { pageUrl?: string; locale?: string } = {}): Settings {
  return {
    serverUrl: defaultServerUrl(env.pageUrl),
    displayName: '',
    language: env.locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en',
    cameraId: null,
    microphoneId: null,
    speakerId: null,
    iceServers: [],
    kiosk: { enabled: false, serverUrl: '', roomId: '' },
    recentRooms: [],
  };
}

/** The room server of a page served over http(s) is the same host over ws(s); elsewhere a local server. */
export function defaultServerUrl(pageUrl: string | undefined): string {
  try {
    const url = new URL(pageUrl ?? '');
    if (url.protocol === 'http:' || url.protocol === 'https:') return serverFromPage(url);
  } catch {
    // Not a URL: use the local default.
  }
  return 'ws://127.0.0.1:8480';
}

/** Reads settings from untrusted storage: anything that does not fit falls back to `defaults`, field by field. */
export function parseSettings(raw: unknown, defaults: Settings): Settings {
  const input = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {};
  return settingsSchema(defaults).parse(input) as Settings;
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

/** True when `value` is a usable room server address. */
export function isServerUrl(value: string): boolean {
  return serverUrl.safeParse(value.trim()).success;
}
