import { css, html } from 'lit';
import type { I18n } from '../i18n';

/** Detail of `tile-pin`: the tile (`${peerId}:${kind}`) to put on the stage, or null to let the room choose. */
export interface TilePinDetail {
  key: string | null;
}

/** The screen tile the tools act on. */
export interface ShareToolsHost extends HTMLElement {
  peerId: string;
  kind: string;
  /** Pinned to the stage (the room view decides, told by `tile-pin`). */
  pinned: boolean;
  /** Shown at its actual pixels (1:1). */
  actualSize: boolean;
}

/**
 * The view buttons on a screen share's tile, so small text can be read: pin it to the stage, full screen (Esc
 * leaves), and "actual pixels" (1:1, panned by drag or arrow keys). Real <button>s with pressed states.
 * @fires tile-pin - on `tile`: CustomEvent<TilePinDetail>, bubbles
 */
export function shareTools({ t }: I18n, tile: ShareToolsHost) {
  const pin = () => {
    const detail: TilePinDetail = { key: tile.pinned ? null : `${tile.peerId}:${tile.kind}` };
    tile.dispatchEvent(new CustomEvent('tile-pin', { detail, bubbles: true }));
  };
  // Esc leaves full screen in every browser; the listener makes sure of it where the page gets the key first.
  const leave = (e: KeyboardEvent) => e.key === 'Escape' && void document.exitFullscreen().catch(() => undefined);
  const fullscreen = () => {
    tile.addEventListener('keydown', leave, { once: true });
    void tile.requestFullscreen?.().catch(() => undefined);
  };
  return html`<div class="share-tools" role="toolbar" aria-label=${t('tile.shareTools')}>
    <button type="button" aria-pressed=${tile.pinned ? 'true' : 'false'} @click=${pin}>${t('tile.pin')}</button>
    <button type="button" @click=${fullscreen}>${t('tile.fullscreen')}</button>
    <button
      type="button"
      aria-pressed=${tile.actualSize ? 'true' : 'false'}
      @click=${() => (tile.actualSize = !tile.actualSize)}
    >
      ${t('tile.actualSize')}
    </button>
  </div>`;
}

/** Styles of the tools and of the 1:1 view: the video at its intrinsic size inside a scrolling, focusable figure. */
export const shareToolStyles = css`
  .share-tools {
    position: absolute;
    top: 8px;
    right: 8px;
    z-index: 1;
    display: flex;
    gap: 4px;
  }
  .share-tools button {
    min-height: 30px;
    padding: 2px 10px;
    border-radius: 999px;
    background: rgba(15, 17, 21, 0.72);
    font-size: 0.8em;
  }
  .share-tools button[aria-pressed='true'] {
    background: var(--moim-accent);
    color: var(--moim-accent-text);
  }
  figure.actual {
    display: block;
    overflow: auto;
    cursor: grab;
    touch-action: none;
  }
  figure.actual video {
    position: static;
    width: auto;
    height: auto;
    max-width: none;
    max-height: none;
    object-fit: none;
  }
  :host(:fullscreen) {
    border-radius: 0;
  }
`;

declare global {
  interface HTMLElementEventMap {
    'tile-pin': CustomEvent<TilePinDetail>;
  }
}
