// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../renderer/components/raised-hands';
import { RoomExtrasStore } from '../../../../renderer/state/room-extras-store';
import { FakeEngine } from '../support/fake-engine';
import { mount, unmountAll } from '../support/component-host';

afterEach(unmountAll);

async function handsOf(canLower: boolean) {
  const engine = new FakeEngine();
  const store = new RoomExtrasStore(engine);
  engine.emit('hands', [
    { peerId: 'v1', displayName: 'Vivi' },
    { peerId: 'me', displayName: 'Me' },
  ]);
  const view = await mount('raised-hands', {
    setUp: (el) => {
      el.store = store;
      el.selfId = 'me';
      el.canLower = canLower;
    },
  });
  return { engine, view };
}

describe('raised-hands', () => {
  it('lists raised hands by name, ours as "You", and offers no lowering to members', async () => {
    const { view } = await handsOf(false);
    const items = [...view.shadowRoot!.querySelectorAll('li')].map((li) => li.textContent?.trim());
    expect(items).toEqual(['Vivi', 'You']);
    expect(view.shadowRoot!.querySelectorAll('button')).toHaveLength(0);
  });

  it("lets a broadcast's presenter lower a hand", async () => {
    const { engine, view } = await handsOf(true);
    const lower = view.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Lower the hand of Vivi"]');
    lower!.click();
    expect(engine.extras.lowerHand).toHaveBeenCalledWith('v1');
  });
});
