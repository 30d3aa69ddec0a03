import { ContextProvider } from '@lit/context';
import type { LitElement, ReactiveControllerHost } from 'lit';
import { vi } from 'vitest';
import type { MoimBridge } from '../../../../renderer/bridge/bridge';
import type { Settings } from '../../../../renderer/bridge/types';
import { createI18n } from '../../../../renderer/i18n';
import { defaultSettings } from '../../../../renderer/lib/settings';
import { bridgeContext, i18nContext, settingsContext } from '../../../../renderer/services/contexts';

/** A bridge that records what the UI asks of it; `updateSettings` answers the merged settings unless replaced. */
export function fakeBridge(settings: Settings, overrides: Partial<MoimBridge> = {}) {
  return {
    platform: 'electron',
    getSettings: vi.fn(async () => settings),
    updateSettings: vi.fn(async (patch: Partial<Settings>) => ({ ...settings, ...patch })),
    getSecret: vi.fn(async () => null),
    setSecret: vi.fn(async () => ({ ok: true }) as const),
    getLaunchIntent: vi.fn(),
    onJoinLink: vi.fn(),
    getDisplayMedia: vi.fn(),
    onPickerRequest: vi.fn(),
    answerPicker: vi.fn(async () => undefined),
    keepAwake: vi.fn(async () => undefined),
    openExternal: vi.fn(async () => undefined),
    ...overrides,
  } satisfies MoimBridge;
}

/** English settings with a room server address, as the app would have loaded them. */
export function testSettings(patch: Partial<Settings> = {}): Settings {
  return { ...defaultSettings({ locale: 'en' }), serverUrl: 'ws://localhost:8080', displayName: 'Ana', ...patch };
}

/**
 * Mounts the real component `tag` under an element that provides the contexts moim-app provides (English i18n,
 * `settings`, `bridge`), in the document, and waits for its first render.
 */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: { settings?: Settings; bridge?: MoimBridge; setUp?: (element: HTMLElementTagNameMap[K]) => void } = {},
): Promise<HTMLElementTagNameMap[K]> {
  const settings = options.settings ?? testSettings();
  const host = document.createElement('div') as HTMLDivElement & ReactiveControllerHost;
  new ContextProvider(host, { context: i18nContext, initialValue: createI18n('en') });
  new ContextProvider(host, { context: settingsContext, initialValue: settings });
  new ContextProvider(host, { context: bridgeContext, initialValue: options.bridge ?? fakeBridge(settings) });
  document.body.append(host);
  const element = document.createElement(tag);
  options.setUp?.(element);
  host.append(element);
  await (element as unknown as LitElement).updateComplete;
  return element;
}

/** Removes everything `mount` put in the document. */
export function unmountAll(): void {
  document.body.replaceChildren();
}

/** The element matching `selector` in `element`'s shadow root; throws when absent so a test fails clearly. */
export function shadow<E extends Element = HTMLElement>(element: Element, selector: string): E {
  const found = element.shadowRoot?.querySelector<E>(selector);
  if (!found) throw new Error(`no ${selector} in <${element.localName}>`);
  return found;
}

/** Types `value` into an input as a user would (sets it and fires `input`). */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
