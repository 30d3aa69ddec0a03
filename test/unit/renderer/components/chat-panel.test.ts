// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../renderer/components/chat-panel';
import { RoomExtrasStore } from '../../../../renderer/state/room-extras-store';
import { FakeEngine } from '../support/fake-engine';
import { mount, shadow, typeInto, unmountAll } from '../support/component-host';

function openPanel() {
  const engine = new FakeEngine();
  const store = new RoomExtrasStore(engine);
  store.setChatOpen(true);
  return { engine, store };
}

const press = (target: Element, key: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true, ...init }));

afterEach(unmountAll);

describe('chat-panel', () => {
  it('sends with Enter and clears the box; Shift+Enter sends nothing', async () => {
    const { engine, store } = openPanel();
    const panel = await mount('chat-panel', { setUp: (el) => (el.store = store) });
    const box = shadow<HTMLTextAreaElement>(panel, 'textarea');
    typeInto(box, 'line one');
    await panel.updateComplete;
    press(box, 'Enter', { shiftKey: true });
    expect(engine.extras.sendChat).not.toHaveBeenCalled();
    press(box, 'Enter');
    await new Promise((resolve) => setTimeout(resolve));
    await panel.updateComplete;
    expect(engine.extras.sendChat).toHaveBeenCalledWith('line one');
    expect(box.value).toBe('');
  });

  it('scrolls to the newest message when one arrives, and forces no layout on updates that add none', async () => {
    const { engine, store } = openPanel();
    const panel = await mount('chat-panel', { setUp: (el) => (el.store = store) });
    const log = shadow<HTMLElement>(panel, '[role="log"]');
    // happy-dom has no layout: a log 500 px tall whose height reads are counted (each is a forced layout in a browser).
    let heightReads = 0;
    Object.defineProperty(log, 'scrollHeight', { get: () => (heightReads++, 500) });
    engine.emit('chat', { id: 1, from: 'bo', displayName: 'Bo', text: 'hi', sentAt: 1 });
    await panel.updateComplete;
    expect(log.scrollTop).toBe(500);
    const reads = heightReads;
    panel.selfId = 'someone-else';
    await panel.updateComplete;
    expect(heightReads).toBe(reads);
  });

  it('hides itself while the chat is closed, and Escape closes it', async () => {
    const { store } = openPanel();
    const panel = await mount('chat-panel', { setUp: (el) => (el.store = store) });
    expect(panel.hidden).toBe(false);
    press(shadow(panel, 'textarea'), 'Escape');
    await panel.updateComplete;
    expect(store.value.chatOpen).toBe(false);
    expect(panel.hidden).toBe(true);
  });
});
