// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { PickerChoice, PickerRequest } from '../../../../renderer/bridge/types';
import '../../../../renderer/components/source-picker';
import type { SourcePicker } from '../../../../renderer/components/source-picker';
import { mount, shadow, unmountAll } from '../support/component-host';

const request: PickerRequest = {
  requestId: 'r1',
  audioSupported: true,
  sources: [
    { id: 'screen:1', name: 'Screen 1', kind: 'screen', thumbnail: 'data:,', icon: null },
    { id: 'screen:2', name: 'Screen 2', kind: 'screen', thumbnail: 'data:,', icon: null },
    { id: 'window:1', name: 'Editor', kind: 'window', thumbnail: 'data:,', icon: null },
  ],
};

async function openPicker(): Promise<{ picker: SourcePicker; choices: PickerChoice[] }> {
  const picker = await mount('source-picker');
  const choices: PickerChoice[] = [];
  picker.addEventListener('picker-choice', (e) => choices.push((e as CustomEvent<PickerChoice>).detail));
  picker.request = request;
  await picker.updateComplete;
  return { picker, choices };
}

function key(target: Element, name: string): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, composed: true, cancelable: true }));
}

function selected(picker: SourcePicker): string | undefined {
  return picker.shadowRoot?.querySelector<HTMLElement>('[role="option"][aria-selected="true"]')?.dataset.sourceId;
}

afterEach(unmountAll);

describe('source-picker', () => {
  it('opens on the screens tab with the first screen selected', async () => {
    const { picker } = await openPicker();
    expect(shadow<HTMLDialogElement>(picker, 'dialog').open).toBe(true);
    expect(shadow(picker, '[role="tab"][aria-selected="true"]').id).toBe('tab-screen');
    expect(selected(picker)).toBe('screen:1');
  });

  it('moves the selection with the arrow keys and shares it with Enter', async () => {
    const { picker, choices } = await openPicker();
    const list = shadow(picker, '[role="listbox"]');
    key(list, 'ArrowRight');
    await picker.updateComplete;
    expect(selected(picker)).toBe('screen:2');
    key(list, 'Enter');
    expect(choices).toEqual([{ requestId: 'r1', sourceId: 'screen:2', shareAudio: false }]);
  });

  it('switches to the windows tab with the arrow keys on the tab list', async () => {
    const { picker } = await openPicker();
    key(shadow(picker, '[role="tablist"]'), 'ArrowRight');
    await picker.updateComplete;
    expect(shadow(picker, '[role="tab"][aria-selected="true"]').id).toBe('tab-window');
    expect(selected(picker)).toBe('window:1');
  });

  it('answers a cancellation (no source) on Escape and on Cancel', async () => {
    const { picker, choices } = await openPicker();
    shadow(picker, 'dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
    const cancel = [...picker.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
    cancel?.click();
    expect(choices).toEqual([
      { requestId: 'r1', sourceId: null, shareAudio: false },
      { requestId: 'r1', sourceId: null, shareAudio: false },
    ]);
  });

  it('keeps the selection when the same request comes back with fresh thumbnails', async () => {
    const { picker } = await openPicker();
    key(shadow(picker, '[role="listbox"]'), 'ArrowRight');
    await picker.updateComplete;
    picker.request = { ...request, sources: request.sources.map((s) => ({ ...s, thumbnail: 'data:,x' })) };
    await picker.updateComplete;
    expect(selected(picker)).toBe('screen:2');
  });
});
