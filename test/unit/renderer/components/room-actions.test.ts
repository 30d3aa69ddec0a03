// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../renderer/components/room-actions';
import { RoomExtrasStore } from '../../../../renderer/state/room-extras-store';
import { joiningModel } from '../../../../renderer/state/room-model';
import { FakeEngine } from '../support/fake-engine';
import { mount, shadow, unmountAll } from '../support/component-host';

afterEach(unmountAll);

describe('room-actions', () => {
  it('shows the unread count on the chat button and offers recording only to an SFU presenter', async () => {
    const engine = new FakeEngine();
    const store = new RoomExtrasStore(engine);
    const model = { ...joiningModel('r1', 'viewer', 'Vi'), mode: 'broadcast' as const };
    const bar = await mount('room-actions', {
      setUp: (el) => {
        el.store = store;
        el.model = model;
      },
    });
    engine.emit('chat', { id: 1, from: 'bo', displayName: 'Bo', text: 'hi', sentAt: 1 });
    await bar.updateComplete;
    expect(shadow(bar, '[data-testid="unread-badge"]').textContent?.trim()).toBe('1');
    const names = () => [...bar.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(names().some((n) => n?.includes('Record'))).toBe(false);
    bar.model = { ...model, role: 'presenter' };
    await bar.updateComplete;
    expect(names().some((n) => n?.includes('Record'))).toBe(true);
  });
});
