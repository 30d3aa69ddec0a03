// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareStyleSheets } from '../../../../renderer/components/moim-element';
import '../../../../renderer/components/video-tile';
import { mount, unmountAll } from '../support/component-host';

afterEach(() => {
  unmountAll();
  vi.restoreAllMocks();
});

describe('prepareStyleSheets', () => {
  it('builds the components’ style sheets ahead, so mounting one builds none', async () => {
    const built = vi.spyOn(CSSStyleSheet.prototype, 'replaceSync');
    prepareStyleSheets();
    expect(built.mock.calls.length).toBeGreaterThan(0);
    built.mockClear();
    await mount('video-tile');
    expect(document.querySelector('video-tile')?.shadowRoot?.adoptedStyleSheets.length).toBeGreaterThan(0);
    expect(built).not.toHaveBeenCalled();
  });
});
