import { z } from 'zod';
import { defaultSettings, settingsSchema } from '../../common/ipc/settings';
import { isServerUrl, toSignalingUrl } from '../../common/ipc/urls';

// A regex rather than z.base64(): the JSON Schema electron-store compiles has no "base64" format.
const base64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/** A kiosk exit PIN as stored: scrypt hash and salt, base64; never the PIN itself. */
export const pinHashSchema = z.strictObject({
  salt: base64(64),
  hash: base64(256),
});
export type PinHash = z.infer<typeof pinHashSchema>;

const boundsSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(150).max(20_000),
  maximized: z.boolean(),
});

/**
 * Everything Moim persists. The renderer-visible part is exactly `settingsSchema`; the kiosk PIN hash,
 * window bounds and encrypted secrets stay in main.
 */
export const storedConfigSchema = settingsSchema.extend({
  kiosk: settingsSchema.shape.kiosk.extend({ exitPin: pinHashSchema.nullable() }),
  windowBounds: boundsSchema.nullable(),
  /** safeStorage ciphertexts, base64. */
  secrets: z.strictObject({
    authToken: base64(16_384).optional(),
    turnCredential: base64(16_384).optional(),
  }),
});
export type StoredConfig = z.infer<typeof storedConfigSchema>;

/** The config of a first start; the language follows the system's. */
export function defaultConfig(locale = 'en'): StoredConfig {
  const settings = defaultSettings({ locale });
  return { ...settings, kiosk: { ...settings.kiosk, exitPin: null }, windowBounds: null, secrets: {} };
}

/** The store operations a migration may use (electron-store's and conf's own methods). */
export interface MigrationStore {
  has(key: string): boolean;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

function rename(store: MigrationStore, from: string, to: string): void {
  if (!store.has(from)) return;
  store.set(to, store.get(from));
  store.delete(from);
}

/**
 * Store migrations, keyed by the app version that introduced them. electron-store runs each one once,
 * in order, before validating the result against the schema.
 */
export const migrations: Record<string, (store: MigrationStore) => void> = {
  // The 0.0.x previews stored `server` (any http/ws URL), `name` and a single `stunServer` string.
  '0.1.0': (store) => {
    rename(store, 'server', 'serverUrl');
    const server = store.get('serverUrl');
    if (typeof server === 'string' && isServerUrl(server)) store.set('serverUrl', toSignalingUrl(server));
    else store.delete('serverUrl');
    rename(store, 'name', 'displayName');
    if (store.has('stunServer')) {
      const stun = store.get('stunServer');
      if (typeof stun === 'string' && stun.startsWith('stun:')) store.set('iceServers', [{ urls: stun }]);
      store.delete('stunServer');
    }
  },
};

/**
 * The options Moim opens its electron-store with. The JSON Schema electron-store validates every write
 * against is derived from the zod schema, so there is one schema; zod's refinements (URL schemes) are
 * checked again on every read.
 */
export function storeOptions(projectVersion: string, locale?: string) {
  const json = z.toJSONSchema(storedConfigSchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, object>;
  };
  return {
    name: 'config',
    projectVersion,
    schema: json.properties,
    defaults: defaultConfig(locale),
    migrations,
    // Only the user may read it: it holds encrypted secrets and the kiosk PIN hash.
    configFileMode: 0o600,
    clearInvalidConfig: false,
  };
}
