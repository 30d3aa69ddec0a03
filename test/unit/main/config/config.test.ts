// @vitest-environment node
import { existsSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig, storedConfigSchema, storeOptions } from '../../../../main/config/schema';
import { createConfig, readConfig, type ConfigStore } from '../../../../main/config/settings';
import { openConfigStore } from '../../../../main/config/store';
import { MemoryStore } from '../support/fakes';

// electron-store is `conf` plus Electron's paths; opening `conf` with the exact options Moim gives
// electron-store runs the real schema validation and the real migrations against a real file.
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'moim-config-'));
  dirs.push(dir);
  return dir;
}
function openConf(cwd: string, version = '0.1.0'): ConfigStore & { path: string } {
  return new Conf({ ...(storeOptions(version) as object), cwd }) as unknown as ConfigStore & { path: string };
}
afterEach(() => void dirs.splice(0));

describe('config schema and defaults', () => {
  it('defaults pass the schema and follow the system language', () => {
    expect(storedConfigSchema.parse(defaultConfig())).toEqual(defaultConfig());
    expect(defaultConfig('ko-KR').language).toBe('ko');
    expect(defaultConfig('en-US').language).toBe('en');
  });

  it('a fresh store holds the defaults, in a file only the user can read', () => {
    const store = openConf(tempDir());
    expect(createConfig(store).read()).toEqual(defaultConfig());
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
  });

  it('the JSON Schema derived from zod makes the store refuse bad writes', () => {
    const store = openConf(tempDir());
    expect(() => store.set('language', 'fr')).toThrow(/schema/i);
    expect(() => store.set('serverUrl', 'https://not-a-signaling-url.example')).toThrow(/schema/i);
    expect(() => store.set('kiosk', { enabled: true, serverUrl: '', roomId: 'a b', exitPin: null })).toThrow(/schema/i);
    expect(() => store.set('recentRooms', 'none')).toThrow(/schema/i);
  });

  it('a field that fails zod on read falls back to its default and leaves the rest alone', () => {
    const raw = { ...defaultConfig(), displayName: 'Ana', serverUrl: 'ftp://nope', iceServers: [{ urls: 'http://x' }] };
    const read = readConfig(raw, defaultConfig());
    expect(read.displayName).toBe('Ana');
    expect(read.serverUrl).toBe(defaultConfig().serverUrl);
    expect(read.iceServers).toEqual([]);
  });
});

describe('config migrations', () => {
  it('0.1.0 renames server → serverUrl (as a wss URL) and name → displayName, and turns stunServer into iceServers', () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'config.json'),
      JSON.stringify({
        server: 'https://old.example',
        name: 'Jiwoo',
        stunServer: 'stun:stun.example:3478',
        __internal__: { migrations: { version: '0.0.9' } },
      }),
    );
    const store = openConf(cwd, '0.1.0');
    const config = createConfig(store).read();
    expect(config.serverUrl).toBe('wss://old.example');
    expect(config.displayName).toBe('Jiwoo');
    expect(config.iceServers).toEqual([{ urls: 'stun:stun.example:3478' }]);
    const onDisk = JSON.parse(readFileSync(store.path, 'utf8'));
    expect(onDisk).not.toHaveProperty('server');
    expect(onDisk).not.toHaveProperty('name');
    expect(onDisk).not.toHaveProperty('stunServer');
    expect(onDisk.__internal__.migrations.version).toBe('0.1.0');
  });

  it('does not run the migration again on a store already at 0.1.0', () => {
    const cwd = tempDir();
    openConf(cwd).set('displayName', 'Kept');
    writeFileSync(
      path.join(cwd, 'config.json'),
      JSON.stringify({ ...JSON.parse(readFileSync(path.join(cwd, 'config.json'), 'utf8')), name: 'Stale' }),
    );
    expect(createConfig(openConf(cwd)).read().displayName).toBe('Kept');
  });

  it('an unreadable file is moved aside and the app starts from defaults', () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'config.json');
    writeFileSync(file, JSON.stringify({ language: 'klingon' }));
    const store = openConfigStore({
      create: (options) => new Conf({ ...(options as object), cwd }) as unknown as ConfigStore,
      version: '0.1.0',
      configPath: file,
      exists: existsSync,
      moveAside: renameSync,
      now: () => 42,
    });
    expect(createConfig(store).read()).toEqual(defaultConfig());
    expect(readdirSync(cwd)).toContain('config.json.invalid-42');
  });

  it('a failure that is not a bad file is not papered over', () => {
    const cwd = tempDir();
    const open = () =>
      openConfigStore({
        create: () => {
          throw new Error('EACCES: permission denied');
        },
        version: '0.1.0',
        configPath: path.join(cwd, 'config.json'),
        exists: existsSync,
        moveAside: renameSync,
      });
    expect(open).toThrow(/EACCES/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('settings access', () => {
  it('getSettings shows exactly the renderer-visible settings: no PIN hash, bounds or secrets', () => {
    const store = new MemoryStore({
      ...defaultConfig(),
      kiosk: { enabled: true, serverUrl: 'wss://k.example', roomId: 'hall', exitPin: { salt: 'AAAA', hash: 'BBBB' } },
      secrets: { authToken: 'Q0lQSEVS' },
      windowBounds: { x: 0, y: 0, width: 800, height: 600, maximized: false },
    });
    const settings = createConfig(store).getSettings();
    expect(settings.kiosk).toEqual({ enabled: true, serverUrl: 'wss://k.example', roomId: 'hall' });
    expect(Object.keys(settings).sort()).toEqual(
      [
        'cameraId',
        'displayName',
        'iceServers',
        'kiosk',
        'language',
        'microphoneId',
        'recentRooms',
        'serverUrl',
        'speakerId',
        'updateFeedUrl',
      ].sort(),
    );
  });

  it('updateSettings writes only the patched fields and keeps the kiosk PIN hash when kiosk changes', () => {
    const pin = { salt: 'AAAA', hash: 'BBBB' };
    const store = new MemoryStore({
      ...defaultConfig(),
      kiosk: { enabled: false, serverUrl: '', roomId: '', exitPin: pin },
    });
    const config = createConfig(store);
    const next = config.updateSettings({
      displayName: '  Mina  ',
      kiosk: { enabled: true, serverUrl: 'ws://10.0.0.2:8480', roomId: 'hall' },
    });
    expect(next.displayName).toBe('Mina');
    expect(store.data.kiosk).toEqual({ enabled: true, serverUrl: 'ws://10.0.0.2:8480', roomId: 'hall', exitPin: pin });
    expect(config.getKioskPin()).toEqual(pin);
  });

  it('settings persist across reopening the store (restart)', () => {
    const cwd = tempDir();
    createConfig(openConf(cwd)).updateSettings({ serverUrl: 'wss://rooms.example', cameraId: 'cam-1' });
    const reopened = createConfig(openConf(cwd)).getSettings();
    expect(reopened.serverUrl).toBe('wss://rooms.example');
    expect(reopened.cameraId).toBe('cam-1');
  });

  it('window bounds are stored rounded and validated', () => {
    const store = new MemoryStore(defaultConfig());
    const config = createConfig(store);
    config.setWindowBounds({ x: 10.4, y: -3.6, width: 1200, height: 800, maximized: true });
    expect(config.getWindowBounds()).toEqual({ x: 10, y: -4, width: 1200, height: 800, maximized: true });
    config.setWindowBounds({ x: 0, y: 0, width: 5, height: 5, maximized: false });
    expect(config.getWindowBounds()).toEqual({ x: 10, y: -4, width: 1200, height: 800, maximized: true });
  });
});
