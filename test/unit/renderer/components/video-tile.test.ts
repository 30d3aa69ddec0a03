// @vitest-environment happy-dom
// A screen tile in "actual pixels" pans by drag; a render in the middle of a drag (a quality update) must not drop it.
import { afterEach, describe, expect, it } from 'vitest';
import '../../../../renderer/components/video-tile';
import { mount, shadow, unmountAll } from '../support/component-host';

afterEach(unmountAll);

/** A pointer event at `x`, `y` (happy-dom's PointerEvent carries the coordinates given). */
function pointer(type: string, x: number, y: number): PointerEvent {
  return new PointerEvent(type, { clientX: x, clientY: y, pointerId: 1, bubbles: true });
}

describe('video-tile panning', () => {
  it('keeps a drag going across a re-render of the tile', async () => {
    const tile = await mount('video-tile', {
      setUp: (t) => {
        t.kind = 'screen';
        t.displayName = 'Bo';
        t.stream = new MediaStream();
        t.actualSize = true;
      },
    });
    await tile.updateComplete;
    const figure = shadow(tile, 'figure');
    let left = 200;
    Object.defineProperty(figure, 'scrollLeft', { get: () => left, set: (value: number) => (left = value) });
    figure.dispatchEvent(pointer('pointerdown', 500, 300));
    tile.quality = 'poor';
    await tile.updateComplete;
    figure.dispatchEvent(pointer('pointermove', 560, 300));
    expect(left, 'dragged 60 px to the right shows 60 px more of the left').toBe(140);
    figure.dispatchEvent(pointer('pointerup', 560, 300));
    figure.dispatchEvent(pointer('pointermove', 600, 300));
    expect(left, 'no drag after the pointer is up').toBe(140);
  });
});
