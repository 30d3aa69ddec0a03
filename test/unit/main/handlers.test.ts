// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { channelNames, contract } from '../../../common/ipc/contract';
import { defaultConfig } from '../../../main/config/schema';
import { createConfig } from '../../../main/config/settings';
import { awakeOwner, createHandlers, type HandlerDeps } from '../../../main/handlers';
import type { Kiosk } from '../../../main/kiosk';
import { createAwake } from '../../../main/power';
import type { Sender } from '../../../main/ipc';
import { FakePowerSaveBlocker, MemoryStore } from './support/fakes';

const normal: Sender = { webContentsId: 1, kind: 'normal' };
const kioskSender: Sender = { webContentsId: 2, kind: 'kiosk' };
const join = { serverUrl: 'wss://rooms.example', roomId: 'r1' };

function setup() {
  const store = new MemoryStore(defaultConfig());
  const blocker = new FakePowerSaveBlocker();
  const kiosk: Kiosk = {
    start: vi.fn(),
    target: () => ({ serverUrl: 'ws://k.example', roomId: 'hall' }),
    exit: vi.fn(async () => ({ ok: true as const })),
    setPin: vi.fn(async () => ({ ok: true as const })),
    allowQuit: vi.fn(),
  };
  const deps: HandlerDeps = {
    config: createConfig(store),
    secrets: { get: vi.fn(async () => null), set: vi.fn(async () => ({ ok: true as const })) },
    kiosk,
    picker: { handle: vi.fn(), answer: vi.fn() },
    awake: createAwake(blocker),
    roomHost: {
      start: vi.fn(async () => ({
        ok: true as const,
        httpUrl: 'http://127.0.0.1:8480',
        wsUrl: 'ws://127.0.0.1:8480',
        sfu: false,
        addresses: [],
      })),
      stop: vi.fn(),
    },
    updates: {
      start: vi.fn(),
      check: vi.fn(async () => ({ state: 'idle' as const })),
      status: () => ({ state: 'ready' as const, version: '0.2.0' }),
      install: vi.fn(() => ({ ok: true as const })),
      activity: vi.fn(),
      stop: vi.fn(),
    },
    shareControl: { report: vi.fn(), act: vi.fn(), forget: vi.fn(), kindOf: () => undefined },
    launchJoin: () => join,
    openExternal: vi.fn(async () => undefined),
  };
  return { handlers: createHandlers(deps), deps, store, blocker, kiosk };
}

describe('IPC handlers', () => {
  it('cover exactly the invoke channels of the contract', () => {
    const invokes = channelNames.filter((n) => contract[n].kind === 'invoke');
    expect(Object.keys(setup().handlers).sort()).toEqual([...invokes].sort());
  });

  it('the launch intent depends on the window: kiosk target for the kiosk, the launch link for the normal one', async () => {
    const { handlers } = setup();
    expect(await handlers.getLaunchIntent(kioskSender)).toEqual({
      kiosk: { serverUrl: 'ws://k.example', roomId: 'hall' },
      join: null,
    });
    expect(await handlers.getLaunchIntent(normal)).toEqual({ kiosk: null, join });
  });

  it('the kiosk window cannot change the kiosk settings, but its other settings go through', async () => {
    const { handlers, store } = setup();
    const after = await handlers.updateSettings(kioskSender, {
      displayName: 'Hall screen',
      kiosk: { enabled: false, serverUrl: '', roomId: '' },
    });
    expect(after.displayName).toBe('Hall screen');
    expect(store.data.kiosk).toEqual(defaultConfig().kiosk);
  });

  it('a new update address is checked at once and kept; saving other settings does not check again', async () => {
    const { handlers, deps, store } = setup();
    await handlers.updateSettings(normal, { updateFeedUrl: 'https://rooms.example/updates/' });
    expect(store.data.updateFeedUrl).toBe('https://rooms.example/updates/');
    expect(deps.updates.check).toHaveBeenCalledTimes(1);
    await handlers.updateSettings(normal, { displayName: 'Ana', updateFeedUrl: 'https://rooms.example/updates/' });
    expect(deps.updates.check).toHaveBeenCalledTimes(1);
  });

  it('only the kiosk may exit kiosk mode, and only a normal window may set the PIN or host a room', async () => {
    const { handlers, kiosk, deps } = setup();
    expect(await handlers.exitKiosk(normal, '1234')).toEqual({ ok: false, reason: 'not-kiosk' });
    expect(kiosk.exit).not.toHaveBeenCalled();
    await handlers.exitKiosk(kioskSender, '1234');
    expect(kiosk.exit).toHaveBeenCalledWith('1234');
    expect(await handlers.setKioskPin(kioskSender, '9999')).toEqual({ ok: false, reason: 'kiosk-active' });
    expect(kiosk.setPin).not.toHaveBeenCalled();
    expect(await handlers.hostRoom(kioskSender)).toMatchObject({ ok: false });
    expect(deps.roomHost.start).not.toHaveBeenCalled();
    expect(await handlers.hostRoom(normal)).toMatchObject({ ok: true });
  });

  it('keepAwake holds and releases the display per window', async () => {
    const { handlers, deps, blocker } = setup();
    await handlers.keepAwake(normal, true);
    await handlers.keepAwake(normal, true);
    expect(blocker.running.size).toBe(1);
    expect(deps.awake.isHeld(awakeOwner(1))).toBe(true);
    await handlers.keepAwake(normal, false);
    expect(blocker.running.size).toBe(0);
  });

  it('openExternal hands only http(s) URLs to the system browser', async () => {
    const { handlers, deps } = setup();
    await handlers.openExternal(normal, 'https://example.org/help');
    await handlers.openExternal(normal, 'file:///etc/passwd');
    expect(deps.openExternal).toHaveBeenCalledTimes(1);
    expect(deps.openExternal).toHaveBeenCalledWith('https://example.org/help');
  });

  it('picker answers are attributed to the sending window', async () => {
    const { handlers, deps } = setup();
    const choice = { requestId: 'abc', sourceId: 'screen:0:0', shareAudio: false };
    await handlers.answerPicker(kioskSender, choice);
    expect(deps.picker.answer).toHaveBeenCalledWith(2, choice);
  });

  it('a share report reaches the control window only from a normal window; its buttons go to the control window', () => {
    const { handlers, deps } = setup();
    const share = { sharing: true, paused: false, language: 'ko' as const };
    void handlers.reportShare(normal, share);
    void handlers.reportShare(kioskSender, share);
    expect(deps.shareControl.report).toHaveBeenCalledTimes(1);
    expect(deps.shareControl.report).toHaveBeenCalledWith(1, share);
    void handlers.shareControl({ webContentsId: 3, kind: 'share-control' }, 'stop');
    expect(deps.shareControl.act).toHaveBeenCalledWith('stop');
  });
});
