// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT_ROOMS,
  addRecentRoom,
  defaultServerUrl,
  defaultSettings,
  isServerUrl,
  parseSettings,
  parseStoredSettings,
} from '../../../../renderer/lib/settings';

const defaults = defaultSettings({ pageUrl: 'http://127.0.0.1:8480/', locale: 'ko-KR' });

describe('defaultSettings', () => {
  it('points at the page host and speaks the locale language', () => {
    expect(defaults.serverUrl).toBe('ws://127.0.0.1:8480');
    expect(defaults.language).toBe('ko');
    expect(defaultSettings({ locale: 'en-GB' }).language).toBe('en');
  });

  it('uses wss for https pages and a local server elsewhere', () => {
    expect(defaultServerUrl('https://meet.example/app/')).toBe('wss://meet.example');
    expect(defaultServerUrl('moim-app://renderer/index.html')).toBe('ws://127.0.0.1:8480');
    expect(defaultServerUrl(undefined)).toBe('ws://127.0.0.1:8480');
  });
});

describe('parseStoredSettings', () => {
  it('gives the defaults for missing, corrupt or non-object storage', () => {
    expect(parseStoredSettings(null, defaults)).toEqual(defaults);
    expect(parseStoredSettings('{not json', defaults)).toEqual(defaults);
    expect(parseStoredSettings('[1,2]', defaults)).toEqual(defaults);
    expect(parseStoredSettings('"text"', defaults)).toEqual(defaults);
    expect(parseStoredSettings('null', defaults)).toEqual(defaults);
  });

  it('keeps valid fields and replaces only the broken ones', () => {
    const stored = JSON.stringify({
      displayName: 'Ana',
      language: 'fr',
      serverUrl: 'javascript:alert(1)',
      cameraId: 42,
      iceServers: [{ urls: 'stun:stun.example:3478' }],
      recentRooms: 'lots',
      extra: true,
    });
    const settings = parseStoredSettings(stored, defaults);
    expect(settings.displayName).toBe('Ana');
    expect(settings.iceServers).toEqual([{ urls: 'stun:stun.example:3478' }]);
    expect(settings.language).toBe(defaults.language);
    expect(settings.serverUrl).toBe(defaults.serverUrl);
    expect(settings.cameraId).toBeNull();
    expect(settings.recentRooms).toEqual([]);
    expect(settings).not.toHaveProperty('extra');
  });

  it('round-trips valid settings unchanged', () => {
    const valid = {
      ...defaults,
      displayName: '민지',
      language: 'en' as const,
      cameraId: 'cam-1',
      kiosk: { enabled: true, serverUrl: 'wss://tv.example', roomId: 'r1' },
      recentRooms: [{ roomId: 'r1', serverUrl: 'wss://tv.example', joinedAt: 1 }],
    };
    expect(parseSettings(JSON.parse(JSON.stringify(valid)), defaults)).toEqual(valid);
  });
});

describe('addRecentRoom', () => {
  it('puts the newest first without duplicates and keeps at most the limit', () => {
    let list = defaults.recentRooms;
    for (let i = 0; i < MAX_RECENT_ROOMS + 3; i++) {
      list = addRecentRoom(list, { roomId: `r${i}`, serverUrl: 'ws://a', joinedAt: i });
    }
    expect(list).toHaveLength(MAX_RECENT_ROOMS);
    list = addRecentRoom(list, { roomId: 'r5', serverUrl: 'ws://a', joinedAt: 99 });
    expect(list[0]).toEqual({ roomId: 'r5', serverUrl: 'ws://a', joinedAt: 99 });
    expect(list.filter((r) => r.roomId === 'r5')).toHaveLength(1);
  });

  it('treats the same room id on another server as another room', () => {
    const list = addRecentRoom([{ roomId: 'r', serverUrl: 'ws://a', joinedAt: 1 }], {
      roomId: 'r',
      serverUrl: 'ws://b',
      joinedAt: 2,
    });
    expect(list).toHaveLength(2);
  });
});

describe('isServerUrl', () => {
  it('accepts ws and wss addresses only', () => {
    expect(isServerUrl('ws://127.0.0.1:8480')).toBe(true);
    expect(isServerUrl(' wss://meet.example/ ')).toBe(true);
    expect(isServerUrl('http://meet.example')).toBe(false);
    expect(isServerUrl('ws://')).toBe(false);
  });
});
