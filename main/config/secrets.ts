import type { SecretName, SecretResult } from '../../common/ipc/types';
import { logger } from '../log';
import type { Config } from './settings';

const log = logger('secrets');

/** The slice of Electron's safeStorage used here (the async API; the sync one is deprecated in 45). */
export interface SecretCipher {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  /** Linux only; the others report no backend. */
  getSelectedStorageBackend?(): string;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** Reads and writes the auth token and TURN credential, encrypted at rest or not at all. */
export interface Secrets {
  get(name: SecretName): Promise<string | null>;
  /** An empty value deletes the secret. */
  set(name: SecretName, value: string): Promise<SecretResult>;
}

/**
 * Whether encryption actually protects anything. On Linux without a keyring Chromium falls back to
 * `basic_text`, a hard-coded key: that is obfuscation, so Moim treats it as unavailable.
 */
export async function encryptionUsable(cipher: SecretCipher, platform: NodeJS.Platform): Promise<boolean> {
  if (!(await cipher.isAsyncEncryptionAvailable())) return false;
  if (platform !== 'linux') return true;
  const backend = cipher.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

/** Secrets kept as safeStorage ciphertext (base64) in config; refused when encryption isn't usable. */
export function createSecrets(deps: { config: Config; cipher: SecretCipher; platform: NodeJS.Platform }): Secrets {
  const { config, cipher, platform } = deps;
  return {
    async get(name) {
      const stored = config.getSecretCipher(name);
      if (stored === null) return null;
      if (!(await encryptionUsable(cipher, platform))) return null;
      try {
        const { result, shouldReEncrypt } = await cipher.decryptStringAsync(Buffer.from(stored, 'base64'));
        // The OS rotated its key: store the value again under the new one.
        if (shouldReEncrypt) config.setSecretCipher(name, (await cipher.encryptStringAsync(result)).toString('base64'));
        return result;
      } catch (error) {
        log.warn('get() | %s could not be decrypted: %s', name, (error as Error).message);
        return null;
      }
    },
    async set(name, value) {
      if (value === '') {
        config.setSecretCipher(name, null);
        return { ok: true };
      }
      if (!(await encryptionUsable(cipher, platform))) {
        log.warn('set() | refused to store %s: no usable encryption on %s', name, platform);
        return { ok: false, reason: 'encryption-unavailable' };
      }
      try {
        const encrypted = await cipher.encryptStringAsync(value);
        config.setSecretCipher(name, encrypted.toString('base64'));
        return { ok: true };
      } catch (error) {
        log.error('set() | encrypting %s failed: %s', name, (error as Error).message);
        return { ok: false, reason: 'encryption-unavailable' };
      }
    },
  };
}
