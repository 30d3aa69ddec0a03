// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { BrowserBridge, SETTINGS_KEY, type BrowserEnv } from '../../../../renderer/bridge/browser-bridge';
import type { PickerRequest } from '../../../../renderer/bridge/types';

function fakeEnv(stored: Record<string, string> = {}, pageUrl = 'http://127.0.0.1:8480/') {
  const storage = new Map(Object.entries(stored));
  const stream = { id: 'display' } as unknown as MediaStream;
  const released = vi.fn(async () => undefined);
  const env: BrowserEnv = {
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    pageUrl,
    locale: 'en-US',
    mediaDevices: { getDisplayMedia: vi.fn(async () => stream) },
    wakeLock: { request: vi.fn(async () => ({ released: false, release: released }) as unknown as WakeLockSentinel) },
    document: { visibilityState: 'visible', addEventListener: () => undefined },
    open: vi.fn(),
  };
  return { env, storage, stream, released };
}

describe('BrowserBridge settings', () => {
  it('falls back to defaults when storage holds garbage, and never throws', async () => {
    const { env } = fakeEnv({ [SETTINGS_KEY]: '{{{' });
    const settings = await new BrowserBridge(env).getSettings();
    expect(settings.serverUrl).toBe('ws://127.0.0.1:8480');
    expect(settings.displayName).toBe('');
  });

  it('survives a storage that throws on read', async () => {
    const { env } = fakeEnv();
    env.storage.getItem = () => {
      throw new Error('SecurityError');
    };
    await expect(new BrowserBridge(env).getSettings()).resolves.toMatchObject({ language: 'en' });
  });

  it('persists a valid patch and drops an invalid field from it', async () => {
    const { env, storage } = fakeEnv();
    const bridge = new BrowserBridge(env);
    const next = await bridge.updateSettings({ displayName: 'Ana', language: 'xx' as 'en' });
    expect(next.displayName).toBe('Ana');
    expect(next.language).toBe('en');
    expect(JSON.parse(storage.get(SETTINGS_KEY)!)).toMatchObject({ displayName: 'Ana', language: 'en' });
    expect((await bridge.getSettings()).displayName).toBe('Ana');
  });

  it('refuses to store secrets, since localStorage is not encrypted', async () => {
    const { env, storage } = fakeEnv();
    const bridge = new BrowserBridge(env);
    expect(await bridge.setSecret('turnCredential', 'pw')).toEqual({ ok: false, reason: 'encryption-unavailable' });
    expect(await bridge.getSecret('turnCredential')).toBeNull();
    expect([...storage.values()].join()).not.toContain('pw');
  });
});

describe('BrowserBridge launch intent', () => {
  it('reads a kiosk from the page URL', async () => {
    const { env } = fakeEnv({}, 'http://127.0.0.1:8480/?kiosk=1&room=r1');
    expect(await new BrowserBridge(env).getLaunchIntent()).toEqual({
      kiosk: { roomId: 'r1', serverUrl: 'ws://127.0.0.1:8480' },
      join: null,
    });
  });
});

describe('BrowserBridge getDisplayMedia', () => {
  it('asks Moim’s picker first, then the browser with the chosen surface and audio', async () => {
    const { env, stream } = fakeEnv();
    const bridge = new BrowserBridge(env);
    const requests: PickerRequest[] = [];
    bridge.onPickerRequest((r) => requests.push(r));
    const pending = bridge.getDisplayMedia({ audio: true });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const request = requests[0]!;
    expect(request.audioSupported).toBe(true);
    expect(request.sources.map((s) => [s.name, s.kind])).toEqual([
      ['Entire screen', 'screen'],
      ['A window', 'window'],
      ['A browser tab', 'window'],
    ]);
    expect(request.sources.every((s) => s.thumbnail.startsWith('data:image/svg+xml,'))).toBe(true);
    const tab = request.sources[2]!;
    await bridge.answerPicker({ requestId: request.requestId, sourceId: tab.id, shareAudio: true });
    await expect(pending).resolves.toBe(stream);
    expect(env.mediaDevices.getDisplayMedia).toHaveBeenCalledWith(
      expect.objectContaining({
        video: expect.objectContaining({ displaySurface: 'browser' }),
        // The sound as it is (no voice processing), without this page's own playback (no echo of the call).
        audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, restrictOwnAudio: true },
      }),
    );
  });

  it('rejects with NotAllowedError when the picker is cancelled, without asking the browser', async () => {
    const { env } = fakeEnv();
    const bridge = new BrowserBridge(env);
    bridge.onPickerRequest(
      (r) => void bridge.answerPicker({ requestId: r.requestId, sourceId: null, shareAudio: false }),
    );
    await expect(bridge.getDisplayMedia({ audio: false })).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(env.mediaDevices.getDisplayMedia).not.toHaveBeenCalled();
  });

  it('stops telling a listener whose signal aborted', async () => {
    const { env } = fakeEnv();
    const bridge = new BrowserBridge(env);
    const abort = new AbortController();
    const seen = vi.fn();
    bridge.onPickerRequest(seen, abort.signal);
    abort.abort();
    bridge.onPickerRequest(
      (r) => void bridge.answerPicker({ requestId: r.requestId, sourceId: null, shareAudio: false }),
    );
    await expect(bridge.getDisplayMedia({ audio: false })).rejects.toThrow();
    expect(seen).not.toHaveBeenCalled();
  });
});

describe('BrowserBridge keepAwake', () => {
  it('takes a screen wake lock and releases it', async () => {
    const { env, released } = fakeEnv();
    const bridge = new BrowserBridge(env);
    await bridge.keepAwake(true);
    expect(env.wakeLock?.request).toHaveBeenCalledWith('screen');
    await bridge.keepAwake(false);
    expect(released).toHaveBeenCalled();
  });

  it('opens only http(s) links', async () => {
    const { env } = fakeEnv();
    const bridge = new BrowserBridge(env);
    await bridge.openExternal('javascript:alert(1)');
    await bridge.openExternal('https://moim.example/help');
    expect(env.open).toHaveBeenCalledTimes(1);
  });
});
