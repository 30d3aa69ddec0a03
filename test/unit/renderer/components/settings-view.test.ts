// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../../renderer/bridge/types';
import '../../../../renderer/components/settings-view';
import type { SettingsView } from '../../../../renderer/components/settings-view';
import { fakeBridge, mount, shadow, testSettings, typeInto, unmountAll } from '../support/component-host';

/** The settings form with a fake bridge; `saved` collects each `settings-saved` event. */
async function openSettings(bridge = fakeBridge(testSettings())) {
  const view = await mount('settings-view', { bridge, settings: testSettings() });
  const saved: Settings[] = [];
  view.addEventListener('settings-saved', (e) => saved.push((e as CustomEvent<Settings>).detail));
  return { view, bridge, saved };
}

async function submit(view: SettingsView): Promise<void> {
  // What pressing Save does once the browser's own form validation passed. Chromium accepts any absolute URL in
  // <input type="url"> (ws:// included); happy-dom's check refuses ws:// and would block the click, so the submit
  // event is sent as the browser would send it.
  const save = [...view.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Save');
  shadow(view, 'form').dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: save }));
  // The save runs through a few awaits (schema, bridge, secret) before the view settles.
  for (let i = 0; i < 5; i++) await view.updateComplete.then(() => new Promise((r) => setTimeout(r, 0)));
}

function text(view: SettingsView): string {
  return view.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
  unmountAll();
});

describe('settings-view', () => {
  it('refuses a server address with a user name and password on its own field and saves nothing', async () => {
    const { view, bridge, saved } = await openSettings();
    const field = shadow<HTMLInputElement>(view, 'input[inputmode="url"]');
    typeInto(field, 'ws://u:p@host');
    await submit(view);
    expect(shadow(view, '#serverUrl-error').textContent).toMatch(/no user name or password/);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.updateSettings).not.toHaveBeenCalled();
    expect(saved).toEqual([]);
    expect(text(view)).not.toContain('Settings saved.');
    expect(unhandled).toEqual([]);
  });

  it('refuses an unreadable ICE server line with the line number and saves nothing', async () => {
    const { view, bridge } = await openSettings();
    typeInto(shadow<HTMLTextAreaElement>(view, 'textarea'), 'not a url');
    await submit(view);
    expect(shadow(view, '#iceServers-error').textContent).toMatch(/1/);
    expect(bridge.updateSettings).not.toHaveBeenCalled();
  });

  it('says the settings were not saved when the bridge refuses them, and leaves no rejection unhandled', async () => {
    const bridge = fakeBridge(testSettings(), {
      updateSettings: vi.fn(async () => Promise.reject(new Error('refused by main'))),
    });
    const { view, saved } = await openSettings(bridge);
    typeInto(shadow<HTMLInputElement>(view, 'input[type="text"]'), 'Bo');
    await submit(view);
    expect(bridge.updateSettings).toHaveBeenCalledTimes(1);
    expect(saved).toEqual([]);
    expect(text(view)).toContain('The settings were not saved. Try again.');
    expect(text(view)).not.toContain('Settings saved.');
    expect(unhandled).toEqual([]);
  });

  it('saves a valid edit through the bridge, reports it and says so', async () => {
    const { view, bridge, saved } = await openSettings();
    typeInto(shadow<HTMLInputElement>(view, 'input[type="text"]'), '  Bo  ');
    await submit(view);
    expect(bridge.updateSettings).toHaveBeenCalledWith(expect.objectContaining({ displayName: 'Bo' }));
    expect(saved.map((s) => s.displayName)).toEqual(['Bo']);
    expect(view.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim()).toBe('Settings saved.');
    expect(view.shadowRoot?.querySelector('[aria-invalid="true"]')).toBeNull();
  });

  it('the desktop app has an update address field: a non-http address is refused on it, an https one is saved', async () => {
    const updates = { onStatus: vi.fn(), install: vi.fn(), reportActivity: vi.fn(async () => undefined) };
    const { view, bridge, saved } = await openSettings(fakeBridge(testSettings(), { updates }));
    const field = shadow<HTMLInputElement>(view, 'input[name="updateFeedUrl"]');
    expect(field.closest('label')?.textContent).toContain('Update address');
    typeInto(field, 'ftp://rooms.example/updates/');
    await submit(view);
    expect(shadow(view, '#updateFeedUrl-error').textContent).toMatch(/http:\/\/ or https:\/\//);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(bridge.updateSettings).not.toHaveBeenCalled();
    typeInto(field, ' https://rooms.example/updates/ ');
    await submit(view);
    expect(bridge.updateSettings).toHaveBeenCalledWith(
      expect.objectContaining({ updateFeedUrl: 'https://rooms.example/updates/' }),
    );
    expect(saved.at(-1)?.updateFeedUrl).toBe('https://rooms.example/updates/');
  });

  it('without the shell’s updates capability (a browser) there is no update address field', async () => {
    const { view } = await openSettings();
    expect(view.shadowRoot?.querySelector('input[name="updateFeedUrl"]')).toBeNull();
  });
});
