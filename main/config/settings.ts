import { readFields, settingsSchema } from '../../common/ipc/settings';
import type { SecretName, Settings } from '../../common/ipc/types';
import { logger } from '../log';
import type { SavedBounds } from '../windows';
import { defaultConfig, storedConfigSchema, type PinHash, type StoredConfig } from './schema';

const log = logger('config');

/** The persistence Moim needs: electron-store in the app, a fake or `conf` in tests. */
export interface ConfigStore {
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

/**
 * Parses stored data field by field: a field that fails the schema falls back to its default and is
 * logged, so one bad hand edit doesn't throw away the rest.
 */
export function readConfig(raw: Record<string, unknown>, defaults: StoredConfig): StoredConfig {
  return readFields(storedConfigSchema.shape, raw, defaults, (key, message) =>
    log.warn('read() | config field %s is invalid, using its default: %s', key, message),
  );
}

/** Typed access to Moim's config. */
export interface Config {
  read(): StoredConfig;
  getSettings(): Settings;
  /** Applies an already validated patch and returns the new settings. */
  updateSettings(patch: Partial<Settings>): Settings;
  getWindowBounds(): SavedBounds | null;
  setWindowBounds(bounds: SavedBounds): void;
  getKioskPin(): PinHash | null;
  setKioskPin(pin: PinHash | null): void;
  getSecretCipher(name: SecretName): string | null;
  setSecretCipher(name: SecretName, base64: string | null): void;
}

/** Wraps a store with zod-checked reads and whole-field writes. */
export function createConfig(store: ConfigStore, locale?: string): Config {
  const defaults = defaultConfig(locale);
  const read = () => readConfig(store.store, defaults);
  const toSettings = (config: StoredConfig): Settings => {
    const { exitPin: _pin, ...kiosk } = config.kiosk;
    const settings: Record<string, unknown> = {};
    for (const key of Object.keys(settingsSchema.shape)) settings[key] = config[key as keyof StoredConfig];
    return { ...(settings as unknown as Settings), kiosk };
  };
  return {
    read,
    getSettings: () => toSettings(read()),
    updateSettings(patch) {
      const current = read();
      const next = settingsSchema.parse({ ...toSettings(current), ...patch });
      for (const key of Object.keys(patch) as (keyof Settings)[]) {
        // The PIN hash rides along inside `kiosk` but is never the renderer's to change.
        const value = key === 'kiosk' ? { ...next.kiosk, exitPin: current.kiosk.exitPin } : next[key];
        store.set(key, value);
      }
      return toSettings(read());
    },
    getWindowBounds: () => read().windowBounds,
    setWindowBounds: (bounds) => {
      const rounded = { ...bounds, x: Math.round(bounds.x), y: Math.round(bounds.y) };
      const parsed = storedConfigSchema.shape.windowBounds.safeParse(rounded);
      if (parsed.success) store.set('windowBounds', parsed.data);
    },
    getKioskPin: () => read().kiosk.exitPin,
    setKioskPin: (pin) => store.set('kiosk', { ...read().kiosk, exitPin: pin }),
    getSecretCipher: (name) => read().secrets[name] ?? null,
    setSecretCipher(name, base64) {
      const secrets = { ...read().secrets };
      if (base64 === null) delete secrets[name];
      else secrets[name] = base64;
      store.set('secrets', secrets);
    },
  };
}
