// @vitest-environment node
// The optional desktop capabilities (kiosk exit, hosting a room): which bridge offers them, how the Electron
// bridge maps them onto `window.moimDesktop`, and the sentences the views show for their results.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MoimDesktopApi } from '../../../../common/ipc/contract';
import type { MoimBridge } from '../../../../renderer/bridge/bridge';
import { BrowserBridge } from '../../../../renderer/bridge/browser-bridge';
import { createElectronBridge } from '../../../../renderer/bridge/electron-bridge';
import {
  hostRoomProblem,
  isKioskPin,
  kioskExitMessage,
  kioskPinMessage,
  kioskSettingsProblem,
} from '../../../../renderer/lib/desktop';

function fakeDesktop() {
  let prompt: ((payload: Record<string, never>) => void) | null = null;
  const off = vi.fn(() => (prompt = null));
  const desktop = {
    exitKiosk: vi.fn(async (pin: string) =>
      pin === '1234' ? { ok: true as const } : { ok: false as const, reason: 'wrong-pin' as const },
    ),
    setKioskPin: vi.fn(async () => ({ ok: true as const })),
    hostRoom: vi.fn(async () => ({
      ok: true as const,
      httpUrl: 'http://10.0.0.5:8480',
      wsUrl: 'ws://10.0.0.5:8480/ws',
      sfu: false,
    })),
    onKioskExitPrompt: vi.fn((listener: (payload: Record<string, never>) => void) => {
      prompt = listener;
      return off;
    }),
  };
  return { desktop, off, firePrompt: () => prompt?.({}) };
}

afterEach(() => vi.unstubAllGlobals());

describe('desktop capabilities', () => {
  it('the Electron bridge built from window.moimDesktop offers kiosk and hostRoom over their channels', async () => {
    const { desktop, off, firePrompt } = fakeDesktop();
    vi.stubGlobal('window', { moimDesktop: desktop as unknown as MoimDesktopApi });
    const bridge: MoimBridge = createElectronBridge(undefined, { getDisplayMedia: vi.fn() });

    expect(await bridge.kiosk?.exit('1234')).toEqual({ ok: true });
    expect(await bridge.kiosk?.exit('0000')).toEqual({ ok: false, reason: 'wrong-pin' });
    expect(await bridge.kiosk?.setPin('987654')).toEqual({ ok: true });
    expect(desktop.setKioskPin).toHaveBeenCalledWith('987654');
    expect(await bridge.hostRoom?.()).toMatchObject({ ok: true, wsUrl: 'ws://10.0.0.5:8480/ws', sfu: false });

    const controller = new AbortController();
    const listener = vi.fn();
    bridge.kiosk?.onExitPrompt(listener, controller.signal);
    firePrompt();
    expect(listener).toHaveBeenCalledWith();
    controller.abort();
    expect(off).toHaveBeenCalledOnce();
  });

  it('the browser bridge has neither: a tab cannot lock a kiosk or run a room server', () => {
    const bridge: MoimBridge = new BrowserBridge({
      storage: { getItem: () => null, setItem: () => undefined },
      pageUrl: 'http://127.0.0.1:8480/?kiosk=1&room=hall',
      locale: 'en',
      mediaDevices: { getDisplayMedia: vi.fn() },
      wakeLock: null,
      document: { visibilityState: 'visible', addEventListener: () => undefined },
      open: vi.fn(),
    });
    expect(bridge.kiosk).toBeUndefined();
    expect(bridge.hostRoom).toBeUndefined();
  });
});

describe('kiosk and host-room messages', () => {
  it('maps every kiosk exit result, including the lock-out', () => {
    expect(kioskExitMessage({ ok: true })).toBeNull();
    expect(kioskExitMessage({ ok: false, reason: 'wrong-pin' })).toBe('kiosk.exitWrong');
    expect(kioskExitMessage({ ok: false, reason: 'locked-out' })).toBe('kiosk.exitLocked');
    expect(kioskExitMessage({ ok: false, reason: 'no-pin-configured' })).toBe('kiosk.exitNoPin');
    expect(kioskExitMessage({ ok: false, reason: 'not-kiosk' })).toBe('kiosk.exitNotKiosk');
  });

  it('accepts the PINs main accepts (4-12 digits) and says why setting one failed', () => {
    expect(['1234', '123456789012'].every(isKioskPin)).toBe(true);
    expect(['123', '1234567890123', '12a4', ' 1234', ''].some(isKioskPin)).toBe(false);
    expect(kioskPinMessage({ ok: true })).toBe('settings.kioskPinSaved');
    expect(kioskPinMessage({ ok: false, reason: 'kiosk-active' })).toBe('settings.kioskPinRefused');
  });

  it('checks the kiosk settings the way main will', () => {
    const kiosk = { enabled: true, serverUrl: 'wss://rooms.example', roomId: 'hall_1' };
    expect(kioskSettingsProblem(kiosk)).toBeNull();
    expect(kioskSettingsProblem({ enabled: false, serverUrl: '', roomId: '' })).toBeNull();
    expect(kioskSettingsProblem({ ...kiosk, roomId: '' })).toBe('settings.kioskIncomplete');
    expect(kioskSettingsProblem({ ...kiosk, serverUrl: 'https://rooms.example' })).toBe('settings.kioskServerInvalid');
    expect(kioskSettingsProblem({ ...kiosk, enabled: false, roomId: 'a b' })).toBe('settings.kioskRoomInvalid');
  });

  it('tells an unavailable room server from one that failed', () => {
    expect(hostRoomProblem({ ok: false, reason: 'unavailable', message: 'no server module' })).toBe(
      'home.hostUnavailable',
    );
    expect(hostRoomProblem({ ok: false, reason: 'failed', message: 'EADDRINUSE' })).toBe('home.hostFailed');
  });
});
