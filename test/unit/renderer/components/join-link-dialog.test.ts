// @vitest-environment happy-dom
// A moim:// link to a server never used before asks first, in an in-app modal that works from the keyboard.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MoimBridge } from '../../../../renderer/bridge/bridge';
import '../../../../renderer/components/join-link-dialog';
import type { JoinLinkDialog } from '../../../../renderer/components/join-link-dialog';
import { JoinLinkController } from '../../../../renderer/controllers/join-link-controller';
import type { RoomAddress } from '../../../../renderer/lib/links';
import { fakeBridge, mount, shadow, testSettings, unmountAll } from '../support/component-host';

const remote: RoomAddress = { serverUrl: 'wss://rooms.example', roomId: 'standup' };

/** The dialog asking about `link`, with the events it fired. */
async function ask(link: RoomAddress, displayName = 'Ana') {
  const joined: RoomAddress[] = [];
  let closed = 0;
  const dialog = await mount('join-link-dialog', {
    setUp: (el) => {
      el.link = link;
      el.displayName = displayName;
      el.addEventListener('join-link', (e) => joined.push((e as CustomEvent<RoomAddress>).detail));
      el.addEventListener('close', () => closed++);
    },
  });
  await dialog.updateComplete;
  return { dialog, joined, closed: () => closed };
}

function press(dialog: JoinLinkDialog, key: string, shiftKey = false): void {
  const target = dialog.shadowRoot!.activeElement ?? shadow(dialog, 'dialog');
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, composed: true, cancelable: true }),
  );
}

const focusedText = (dialog: JoinLinkDialog) => dialog.shadowRoot!.activeElement?.textContent?.trim();

afterEach(unmountAll);

describe('join-link-dialog', () => {
  it('asks "Join room X on server Y as <name>?" in a modal with Join focused; Enter joins', async () => {
    const { dialog, joined } = await ask(remote);
    expect(shadow<HTMLDialogElement>(dialog, 'dialog').open).toBe(true);
    expect(shadow(dialog, '#link-question').textContent).toBe(
      'Join room standup on server wss://rooms.example as Ana?',
    );
    expect(dialog.shadowRoot!.querySelector('[role="alert"]')).toBeNull(); // wss:// needs no warning
    expect(focusedText(dialog)).toBe('Join');
    press(dialog, 'Enter');
    expect(joined).toEqual([remote]);
  });

  it('Escape cancels, and so do Cancel and Enter on Cancel; nothing is joined', async () => {
    const { dialog, joined, closed } = await ask(remote);
    press(dialog, 'Escape');
    expect(closed()).toBe(1);
    press(dialog, 'Tab');
    expect(focusedText(dialog)).toBe('Cancel');
    press(dialog, 'Enter');
    expect(closed()).toBe(2);
    shadow<HTMLButtonElement>(dialog, 'button[type="button"]').click();
    expect(closed()).toBe(3);
    expect(joined).toEqual([]);
  });

  it('keeps focus inside: Tab and Shift+Tab cycle between Join and Cancel', async () => {
    const { dialog } = await ask(remote);
    const seen: (string | undefined)[] = [];
    for (const shift of [false, false, true, true]) {
      press(dialog, 'Tab', shift);
      seen.push(focusedText(dialog));
    }
    expect(seen).toEqual(['Cancel', 'Join', 'Cancel', 'Join']);
  });

  it('warns about plain ws:// to another computer, not to this one', async () => {
    const far = await ask({ serverUrl: 'ws://192.168.1.20:8480', roomId: 'r1' }, '');
    expect(shadow(far.dialog, '[role="alert"]').textContent).toContain('not encrypted');
    expect(shadow(far.dialog, '#link-question').textContent).toContain('as (no name yet)?');
    unmountAll();
    const near = await ask({ serverUrl: 'ws://127.0.0.1:8480', roomId: 'r1' });
    expect(near.dialog.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
  });
});

describe('JoinLinkController', () => {
  function controller(bridge: MoimBridge, kiosk = false) {
    const host = { addController: vi.fn(), requestUpdate: vi.fn() } as never;
    const join = vi.fn(async () => undefined);
    const settings = testSettings({
      serverUrl: 'wss://home.example',
      recentRooms: [{ roomId: 'old', serverUrl: 'wss://used.example', joinedAt: 1 }],
    });
    const links = new JoinLinkController(host, {
      bridge: () => bridge,
      settings: () => settings,
      inKiosk: () => kiosk,
      join,
    });
    return { links, join };
  }

  it('a server used before (configured or recent) joins directly; a new one waits for the answer', async () => {
    const { links, join } = controller(fakeBridge(testSettings()));
    await links.open({ serverUrl: 'wss://home.example/', roomId: 'a' });
    await links.open({ serverUrl: 'WSS://used.example', roomId: 'b' });
    expect(join).toHaveBeenCalledTimes(2);
    await links.open(remote);
    expect(join).toHaveBeenCalledTimes(2);
    expect(links.asking).toEqual(remote);
  });

  it('a kiosk ignores links; a browser page joins its own ?room= links without asking', async () => {
    const kiosk = controller(fakeBridge(testSettings()), true);
    await kiosk.links.open(remote);
    expect(kiosk.join).not.toHaveBeenCalled();
    expect(kiosk.links.asking).toBeNull();
    const browser = controller(fakeBridge(testSettings(), { platform: 'browser' }));
    await browser.links.open(remote);
    expect(browser.join).toHaveBeenCalledWith(remote);
  });
});
