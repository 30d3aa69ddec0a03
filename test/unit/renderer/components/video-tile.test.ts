// @vitest-environment happy-dom
// A screen tile in "actual pixels" pans by drag; a render in the middle of a drag (a quality update) must not drop it.
// A paused share's tile says "Paused", never "Poor connection".
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../../renderer/components/video-tile';
import { mount, shadow, unmountAll } from '../support/component-host';

type VideoTile = HTMLElementTagNameMap['video-tile'];

afterEach(() => {
  unmountAll();
  vi.useRealTimers();
});

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

describe('video-tile quality', () => {
  it('does not call a paused share a poor connection, though nothing arrives', async () => {
    vi.useFakeTimers();
    // What a viewer's stats say of a share that stopped sending: heavy loss on its screen track.
    const latest = {
      tracks: [{ direction: 'in', peerId: 'bo', kind: 'screen', rttMs: null, lossPct: 40, jitterMs: null }],
    };
    const tile = await mount('video-tile', {
      setUp: (t) => {
        t.kind = 'screen';
        t.peerId = 'bo';
        t.displayName = 'Bo';
        t.stream = new MediaStream();
        t.health = { latest } as unknown as VideoTile['health'];
      },
    });
    await vi.advanceTimersByTimeAsync(1100);
    expect(tile.poor, 'a live share losing 40 %').toBe(true);
    tile.paused = true;
    await tile.updateComplete;
    // At once, not at the next verdict: the tile must never say "Paused" and "Poor connection" together.
    expect(tile.poor).toBe(false);
    expect(tile.quality).toBe('');
    expect(tile.shadowRoot!.querySelector('quality-indicator'), 'no connection verdict shown').toBeNull();
    await vi.advanceTimersByTimeAsync(2100);
    expect(tile.poor, 'nor later, while paused').toBe(false);
    tile.paused = false;
    await vi.advanceTimersByTimeAsync(1100);
    expect(tile.poor, 'resumed and still losing 40 %').toBe(true);
  });
});
