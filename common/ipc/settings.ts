import { z } from 'zod';
import { id } from '../protocol/primitives';
import { isSignalingList, MAX_SERVERS } from '../server-list';
import { isWebUrl, MAX_URL_LENGTH } from './urls';

/**
 * A room server's signaling address as settings keep it: ws or wss (the pattern also lands in the JSON Schema), or a
 * server list of such addresses separated by commas (common/server-list), tried in order.
 */
export const serverUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .regex(/^wss?:\/\//i, 'expected a ws:// or wss:// URL')
  .refine(isSignalingList, `expected ws:// or wss:// URLs (at most ${MAX_SERVERS}) without a user name or password`);
/** A room id as the server issues them (1-64 url-safe characters). */
export const roomId = id;

/** Most recent rooms kept in settings: the only writer caps the list here, and the schema holds it to that. */
export const MAX_RECENT_ROOMS = 8;

/** The room server's default address on this computer; `Host a room` starts one there. */
export const LOCAL_SERVER_URL = 'ws://127.0.0.1:8480';

const deviceId = z.string().max(512).nullable();
const iceUrl = z
  .string()
  .max(512)
  .regex(/^(stun|turn|turns):/, 'expected a stun:, turn: or turns: URL');

/** Settings as the renderer reads and writes them (secrets live elsewhere): the one schema main and browser share. */
export const settingsSchema = z.strictObject({
  serverUrl: z.union([z.literal(''), serverUrl]),
  displayName: z.string().trim().max(64),
  language: z.enum(['ko', 'en']),
  cameraId: deviceId,
  microphoneId: deviceId,
  speakerId: deviceId,
  iceServers: z
    .array(
      z.strictObject({
        urls: z.union([iceUrl, z.array(iceUrl).min(1).max(8)]),
        username: z.string().max(256).optional(),
      }),
    )
    .max(16),
  kiosk: z.strictObject({
    enabled: z.boolean(),
    serverUrl: z.union([z.literal(''), serverUrl]),
    roomId: z.union([z.literal(''), roomId]),
  }),
  recentRooms: z
    .array(z.strictObject({ roomId, serverUrl, joinedAt: z.number().int().nonnegative() }))
    .max(MAX_RECENT_ROOMS),
  /** Where the app looks for updates (electron-updater's generic provider), e.g. https://rooms.example/updates/; '' = never. */
  updateFeedUrl: z.union([
    z.literal(''),
    z
      .string()
      .max(MAX_URL_LENGTH)
      .regex(/^https?:\/\//i, 'expected an http:// or https:// URL')
      .refine(isWebUrl, 'expected an http or https URL without a user name or password'),
  ]),
});

/** Persisted user settings (secrets are kept apart, see the bridge's `getSecret`). */
export type Settings = z.infer<typeof settingsSchema>;

/** What `updateSettings` accepts: any subset of the settings, each field whole. */
export const settingsPatchSchema = settingsSchema.partial();

/** The settings of a first start: the language follows the system's, the server is `serverUrl` or this computer's. */
export function defaultSettings(env: { locale?: string; serverUrl?: string } = {}): Settings {
  return {
    serverUrl: env.serverUrl ?? LOCAL_SERVER_URL,
    displayName: '',
    language: env.locale?.toLowerCase().startsWith('ko') ? 'ko' : 'en',
    cameraId: null,
    microphoneId: null,
    speakerId: null,
    iceServers: [],
    kiosk: { enabled: false, serverUrl: '', roomId: '' },
    recentRooms: [],
    updateFeedUrl: '',
  };
}

/**
 * Reads an object from untrusted storage field by field against `shape`: a missing or invalid field takes its
 * default on its own (reported to `onInvalid`), so one bad hand edit never throws away the rest; unknown keys drop.
 */
export function readFields<T extends object>(
  shape: Record<string, z.ZodType>,
  raw: unknown,
  defaults: T,
  onInvalid: (key: string, message: string) => void = () => {},
): T {
  const input = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const fallback = defaults[key as keyof T];
    if (!(key in input)) {
      result[key] = fallback;
      continue;
    }
    const parsed = schema.safeParse(input[key]);
    if (parsed.success) result[key] = parsed.data;
    else {
      onInvalid(key, parsed.error.issues[0]?.message ?? 'invalid');
      result[key] = fallback;
    }
  }
  return result as T;
}
