// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { LaunchOptions } from '../../../main/cli';
import { defaultConfig, type PinHash } from '../../../main/config/schema';
import { HIDE_CURSOR_CSS, isExitCombo, resolveKioskTarget, setupKiosk } from '../../../main/kiosk';
import { setupMenus } from '../../../main/menu';
import { hashPin, verifyPin } from '../../../main/pin';
import { createAwake } from '../../../main/power';
import type { WindowKind } from '../../../main/windows';
import { FakeApp, FakeMenu, FakePowerSaveBlocker, FakeWindow } from './support/fakes';

const TARGET = { serverUrl: 'wss://rooms.example', roomId: 'hall' };

function setup(pin: string | null = '2468') {
  const blocker = new FakePowerSaveBlocker();
  const opened: { kind: WindowKind; win: FakeWindow }[] = [];
  const live = new Map<WindowKind, FakeWindow>();
  let stored: PinHash | null = null;
  let clock = 1_000;
  const app = new FakeApp();
  const menu = new FakeMenu();
  const menus = setupMenus({ menu, platform: 'darwin', isPackaged: true });
  const kiosk = setupKiosk({
    app,
    menus,
    windows: {
      open: (kind) => {
        const win = new FakeWindow({});
        win.on('closed', () => live.delete(kind));
        opened.push({ kind, win });
        live.set(kind, win);
        return win;
      },
      get: (kind) => live.get(kind) ?? null,
    },
    awake: createAwake(blocker),
    pin: { get: () => stored, set: (hash) => (stored = hash) },
    hash: hashPin,
    verify: verifyPin,
    now: () => clock,
  });
  const ready = pin ? hashPin(pin).then((h) => void (stored = h)) : Promise.resolve();
  return {
    kiosk,
    app,
    menu,
    blocker,
    opened,
    live,
    ready,
    stored: () => stored,
    tick: (ms: number) => (clock += ms),
  };
}

describe('kiosk mode', () => {
  it('opens the kiosk window, keeps the display awake and hides the pointer on every page load', async () => {
    const { kiosk, blocker, opened } = setup();
    kiosk.start(TARGET);
    expect(opened.map((o) => o.kind)).toEqual(['kiosk']);
    expect(blocker.running.size).toBe(1);
    const { win } = opened[0]!;
    win.webContents.emit('dom-ready');
    win.webContents.emit('dom-ready');
    expect(win.webContents.css).toEqual([HIDE_CURSOR_CSS, HIDE_CURSOR_CSS]);
    expect(kiosk.target()).toEqual(TARGET);
  });

  it('Ctrl+Shift+Q asks the kiosk page for the PIN and is swallowed; other keys pass through', () => {
    const { kiosk, opened } = setup();
    kiosk.start(TARGET);
    const contents = opened[0]!.win.webContents;
    expect(contents.press({ key: 'Q', control: true, shift: true })).toBe(false);
    expect(contents.press({ key: 'q', control: true })).toBe(true);
    expect(contents.press({ key: 'Escape' })).toBe(true);
    expect(contents.sentOn('moim:kioskExitPrompt')).toEqual([{}]);
  });

  it('a wrong PIN keeps the kiosk running', async () => {
    const { kiosk, ready, blocker, opened } = setup('2468');
    await ready;
    kiosk.start(TARGET);
    await expect(kiosk.exit('1357')).resolves.toEqual({ ok: false, reason: 'wrong-pin' });
    expect(blocker.running.size).toBe(1);
    expect(opened[0]!.win.calls).not.toContain('close');
  });

  it('the right PIN opens the normal window first, then closes the kiosk and lets the display sleep', async () => {
    const { kiosk, ready, blocker, opened } = setup('2468');
    await ready;
    kiosk.start(TARGET);
    await expect(kiosk.exit('2468')).resolves.toEqual({ ok: true });
    expect(opened.map((o) => o.kind)).toEqual(['kiosk', 'normal']);
    expect(opened[0]!.win.calls).toContain('close');
    expect(blocker.running.size).toBe(0);
    expect(kiosk.target()).toBeNull();
  });

  it('five wrong PINs lock the exit for a minute, even for the right PIN', async () => {
    const { kiosk, ready, tick } = setup('2468');
    await ready;
    kiosk.start(TARGET);
    for (let i = 0; i < 5; i++) await kiosk.exit('0000');
    await expect(kiosk.exit('2468')).resolves.toEqual({ ok: false, reason: 'locked-out' });
    tick(60_001);
    await expect(kiosk.exit('2468')).resolves.toEqual({ ok: true });
  });

  it('without a configured PIN the kiosk cannot be left by key combination', async () => {
    const { kiosk } = setup(null);
    kiosk.start(TARGET);
    await expect(kiosk.exit('')).resolves.toEqual({ ok: false, reason: 'no-pin-configured' });
  });

  it('exit outside kiosk mode is refused', async () => {
    const { kiosk } = setup();
    await expect(kiosk.exit('2468')).resolves.toEqual({ ok: false, reason: 'not-kiosk' });
  });

  it('the PIN is stored as a salted hash, and cannot be changed while the kiosk runs', async () => {
    const { kiosk, stored } = setup(null);
    await expect(kiosk.setPin('97531')).resolves.toEqual({ ok: true });
    const hash = stored()!;
    expect(JSON.stringify(hash)).not.toContain('97531');
    await expect(verifyPin('97531', hash)).resolves.toBe(true);
    kiosk.start(TARGET);
    await expect(kiosk.setPin('1111')).resolves.toEqual({ ok: false, reason: 'kiosk-active' });
    expect(stored()).toBe(hash);
  });

  it('a crashed kiosk renderer is reloaded', () => {
    const { kiosk, opened } = setup();
    kiosk.start(TARGET);
    opened[0]!.win.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    expect(opened[0]!.win.webContents.reloads).toBe(1);
  });

  it('closing the kiosk window without the PIN (Alt+F4, Cmd+W) is refused and asks for the PIN', () => {
    const { kiosk, blocker, opened } = setup();
    kiosk.start(TARGET);
    const { win } = opened[0]!;
    win.close();
    expect(win.calls).toContain('close-refused');
    expect(win.isDestroyed()).toBe(false);
    expect(blocker.running.size).toBe(1);
    expect(win.webContents.sentOn('moim:kioskExitPrompt')).toEqual([{}]);
    expect(kiosk.target()).toEqual(TARGET);
  });

  it('quitting the app (Cmd+Q, the Dock, app.quit) is refused without the PIN, allowed after it', async () => {
    const { kiosk, app, ready, opened } = setup('2468');
    await ready;
    expect(app.quit()).toBe(true); // no kiosk yet: quitting is normal
    kiosk.start(TARGET);
    expect(app.quit()).toBe(false);
    expect(opened[0]!.win.webContents.sentOn('moim:kioskExitPrompt')).toEqual([{}]);
    await kiosk.exit('2468');
    expect(app.quit()).toBe(true);
  });

  it('the kiosk has no application menu (no Reload, DevTools or Quit); leaving it brings the menu back', async () => {
    const { kiosk, menu, ready } = setup('2468');
    await ready;
    expect(menu.roles()).toEqual(expect.arrayContaining(['appMenu', 'reload', 'editMenu']));
    kiosk.start(TARGET);
    expect(menu.current).toBeNull();
    expect(menu.roles()).toEqual([]);
    await kiosk.exit('2468');
    expect(menu.roles()).toContain('appMenu');
  });
});

describe('kiosk PIN hashing', () => {
  it('verifies the right PIN, rejects others, and salts each hash', async () => {
    const a = await hashPin('2468');
    const b = await hashPin('2468');
    expect(a.hash).not.toBe(b.hash);
    await expect(verifyPin('2468', a)).resolves.toBe(true);
    await expect(verifyPin('2469', a)).resolves.toBe(false);
    await expect(verifyPin('', a)).resolves.toBe(false);
  });
});

describe('exit combination', () => {
  it('is Ctrl+Shift+Q or Cmd+Shift+Q on key down only', () => {
    const key = { type: 'keyDown', key: 'q', control: true, shift: true, alt: false, meta: false };
    expect(isExitCombo(key)).toBe(true);
    expect(isExitCombo({ ...key, control: false, meta: true })).toBe(true);
    expect(isExitCombo({ ...key, type: 'keyUp' })).toBe(false);
    expect(isExitCombo({ ...key, shift: false })).toBe(false);
  });
});

describe('resolveKioskTarget', () => {
  const cli: LaunchOptions = { kiosk: false, server: null, room: null, hostRoom: false, deepLink: null };
  const config = defaultConfig();
  const kioskConfig = {
    ...config,
    kiosk: { enabled: true, serverUrl: 'ws://10.0.0.2:8480', roomId: 'lobby', exitPin: null },
  };

  it('takes the command line first and fills gaps from config', () => {
    expect(resolveKioskTarget({ ...cli, kiosk: true, server: 'wss://a.example', room: 'r' }, config)).toEqual({
      ok: true,
      value: { serverUrl: 'wss://a.example', roomId: 'r' },
    });
    expect(resolveKioskTarget({ ...cli, kiosk: true, room: 'r2' }, kioskConfig)).toEqual({
      ok: true,
      value: { serverUrl: 'ws://10.0.0.2:8480', roomId: 'r2' },
    });
  });

  it('--kiosk without a server or room anywhere is an error', () => {
    expect(resolveKioskTarget({ ...cli, kiosk: true }, config)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/--server and --room/),
    });
  });

  it('kiosk enabled in config starts the kiosk; incomplete config starts normally', () => {
    expect(resolveKioskTarget(cli, kioskConfig)).toEqual({
      ok: true,
      value: { serverUrl: 'ws://10.0.0.2:8480', roomId: 'lobby' },
    });
    expect(resolveKioskTarget(cli, { ...kioskConfig, kiosk: { ...kioskConfig.kiosk, roomId: '' } })).toEqual({
      ok: true,
      value: null,
    });
    expect(resolveKioskTarget(cli, config)).toEqual({ ok: true, value: null });
  });
});
