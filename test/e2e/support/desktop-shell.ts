import type { BrowserContext, Page } from '@playwright/test';
import { defaultSettings, type Settings } from '../../../common/ipc/settings';

/** A room link as main pushes it over `joinLink`. */
export type PushedLink = { serverUrl: string; roomId: string };

/**
 * A stand-in for Electron's preload: `window.moimDesktop`, so the real renderer takes its desktop paths in plain
 * Chromium. Settings follow main's rule for a server address (one with a user name or password is refused by
 * throwing, as main's IPC validation does); every accepted update lands in `__updates`, every secret in
 * `__secrets`, and `__pushLink(link)` delivers a link as main's `joinLink` push does when the OS opens moim://….
 */
export async function fakeDesktopShell(
  context: BrowserContext,
  initial: { serverUrl: string; displayName?: string },
): Promise<void> {
  await context.addInitScript(
    (start: Settings) => {
      const updates: unknown[] = [];
      const secrets: [string, string][] = [];
      const linkListeners = new Set<(link: unknown) => void>();
      let settings = start;
      const refuses = (url: string) => {
        try {
          const parsed = new URL(url);
          return parsed.username !== '' || parsed.password !== '';
        } catch {
          return true;
        }
      };
      const off = () => () => undefined;
      Object.assign(window, {
        __updates: updates,
        __secrets: secrets,
        __pushLink: (link: unknown) => linkListeners.forEach((listener) => listener(link)),
        moimDesktop: {
          getSettings: async () => settings,
          updateSettings: async (patch: Partial<typeof settings>) => {
            if (patch.serverUrl !== undefined && refuses(patch.serverUrl)) {
              throw new TypeError('updateSettings: expected a ws:// or wss:// URL');
            }
            updates.push(patch);
            settings = { ...settings, ...patch };
            return settings;
          },
          getSecret: async () => null,
          setSecret: async (name: string, value: string) => (secrets.push([name, value]), { ok: true }),
          getLaunchIntent: async () => ({ kiosk: null, join: null }),
          answerPicker: async () => undefined,
          keepAwake: async () => undefined,
          openExternal: async () => undefined,
          exitKiosk: async () => ({ ok: false, reason: 'not-kiosk' }),
          setKioskPin: async () => ({ ok: true }),
          hostRoom: async () => ({ ok: false, reason: 'unavailable', message: 'not here' }),
          getUpdateStatus: async () => ({ state: 'idle' }),
          installUpdate: async () => ({ ok: false, reason: 'not-ready' }),
          reportActivity: async () => undefined,
          onUpdateStatus: off,
          onJoinLink: (listener: (link: unknown) => void) => {
            linkListeners.add(listener);
            return () => linkListeners.delete(listener);
          },
          onPickerRequest: off,
          onPickerClosed: off,
          onKioskExitPrompt: off,
        },
      });
    },
    { ...defaultSettings({ serverUrl: initial.serverUrl }), displayName: initial.displayName ?? 'Ana' },
  );
}

/** The settings updates the stand-in accepted, in order. */
export function shellUpdates(page: Page): Promise<{ serverUrl?: string }[]> {
  return page.evaluate(() => (window as unknown as { __updates: { serverUrl?: string }[] }).__updates);
}

/** The secrets the stand-in was asked to store, as [name, value]. */
export function shellSecrets(page: Page): Promise<[string, string][]> {
  return page.evaluate(() => (window as unknown as { __secrets: [string, string][] }).__secrets);
}

/** Delivers `link` to the page as a moim:// link opened while the app runs. */
export async function pushLink(page: Page, link: PushedLink): Promise<void> {
  await page.evaluate((l) => (window as unknown as { __pushLink(link: PushedLink): void }).__pushLink(l), link);
}
