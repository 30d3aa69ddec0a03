// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../main/config/schema';
import { createSecrets, encryptionUsable, type SecretCipher } from '../../../../main/config/secrets';
import { createConfig } from '../../../../main/config/settings';
import { MemoryStore } from '../support/fakes';

/** A safeStorage stand-in: XOR with a key and a fresh nonce, so ciphertext differs from the text yet round-trips. */
class FakeCipher implements SecretCipher {
  available = true;
  backend: string | undefined = 'gnome_libsecret';
  rotated = false;
  key = 0x5a;
  nonce = 0;
  async isAsyncEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend ?? 'unknown';
  }
  async encryptStringAsync(text: string) {
    return Buffer.from([...Buffer.from(`v${this.key}:${this.nonce++}:${text}`)].map((b) => b ^ this.key));
  }
  async decryptStringAsync(data: Buffer) {
    const plain = Buffer.from([...data].map((b) => b ^ this.key)).toString();
    const match = /^v(\d+):\d+:(.*)$/s.exec(plain);
    if (!match || Number(match[1]) !== this.key) throw new Error('bad key');
    return { result: match[2]!, shouldReEncrypt: this.rotated };
  }
}

function setup(platform: NodeJS.Platform = 'linux') {
  const store = new MemoryStore(defaultConfig());
  const cipher = new FakeCipher();
  const secrets = createSecrets({ config: createConfig(store), cipher, platform });
  return { store, cipher, secrets };
}

describe('secrets', () => {
  it('stores a secret encrypted, base64, and gives it back', async () => {
    const { store, secrets } = setup();
    await expect(secrets.set('authToken', 'tok-123')).resolves.toEqual({ ok: true });
    const stored = (store.data.secrets as Record<string, string>).authToken!;
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    await expect(secrets.get('authToken')).resolves.toBe('tok-123');
    await expect(secrets.get('turnCredential')).resolves.toBeNull();
  });

  it('never writes the secret in clear anywhere in the store', async () => {
    const { store, secrets } = setup();
    await secrets.set('turnCredential', 'hunter2-very-secret');
    expect(JSON.stringify(store.data)).not.toContain('hunter2');
    expect(
      Buffer.from((store.data.secrets as Record<string, string>).turnCredential!, 'base64').toString('latin1'),
    ).not.toContain('hunter2');
  });

  it('refuses with encryption-unavailable when safeStorage has no encryption, and stores nothing', async () => {
    const { store, cipher, secrets } = setup('win32');
    cipher.available = false;
    await expect(secrets.set('authToken', 'tok')).resolves.toEqual({ ok: false, reason: 'encryption-unavailable' });
    expect(store.data.secrets).toEqual({});
  });

  it('refuses on Linux when the backend is basic_text (a hard-coded key) or not known yet', async () => {
    for (const backend of ['basic_text', 'unknown']) {
      const { store, cipher, secrets } = setup('linux');
      cipher.backend = backend;
      await expect(secrets.set('authToken', 'tok')).resolves.toEqual({ ok: false, reason: 'encryption-unavailable' });
      expect(store.data.secrets).toEqual({});
    }
  });

  it('trusts the OS keychain on macOS and Windows without asking for a Linux backend', async () => {
    const cipher = new FakeCipher();
    cipher.backend = undefined;
    await expect(encryptionUsable(cipher, 'darwin')).resolves.toBe(true);
    await expect(encryptionUsable(cipher, 'win32')).resolves.toBe(true);
    await expect(encryptionUsable(cipher, 'linux')).resolves.toBe(false);
  });

  it('an empty value deletes the secret, even without encryption', async () => {
    const { store, cipher, secrets } = setup();
    await secrets.set('authToken', 'tok');
    cipher.available = false;
    await expect(secrets.set('authToken', '')).resolves.toEqual({ ok: true });
    expect(store.data.secrets).toEqual({});
  });

  it('re-encrypts under the new key when safeStorage says the key rotated', async () => {
    const { store, cipher, secrets } = setup();
    await secrets.set('authToken', 'tok');
    const before = (store.data.secrets as Record<string, string>).authToken;
    cipher.rotated = true;
    await expect(secrets.get('authToken')).resolves.toBe('tok');
    expect((store.data.secrets as Record<string, string>).authToken).not.toBe(before);
  });

  it('a ciphertext that no longer decrypts reads as null instead of throwing', async () => {
    const { cipher, secrets } = setup();
    await secrets.set('authToken', 'tok');
    cipher.key = 0x11;
    await expect(secrets.get('authToken')).resolves.toBeNull();
  });
});
