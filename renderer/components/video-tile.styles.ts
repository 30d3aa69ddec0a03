import { css } from 'lit';

/** A tile's look: the picture or the avatar, the caption with name and states, the speaking ring. */
export const videoTileStyles = css`
  :host {
    display: block;
    position: relative;
    min-width: 0;
    min-height: 0;
    border-radius: var(--moim-radius);
    overflow: hidden;
    background: var(--moim-surface);
  }
  /* The speaking ring sits above the video, which is positioned and would cover an outline. */
  :host::after {
    content: '';
    position: absolute;
    inset: 0;
    border-radius: inherit;
    box-shadow: inset 0 0 0 3px transparent;
    transition: box-shadow 150ms ease;
    pointer-events: none;
  }
  :host([data-speaking])::after {
    box-shadow: inset 0 0 0 3px var(--moim-ok);
  }
  :host([chromeless]) {
    border-radius: 0;
    background: #000;
  }
  :host([chromeless])::after {
    display: none;
  }
  figure {
    position: absolute;
    inset: 0;
    margin: 0;
    display: grid;
    place-items: center;
  }
  video {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
    background: #000;
  }
  :host([data-kind='screen']) video,
  :host([chromeless]) video {
    object-fit: contain;
  }
  video.mirror {
    transform: scaleX(-1);
  }
  .avatar {
    width: clamp(48px, 28%, 120px);
    aspect-ratio: 1;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: var(--moim-surface-3);
    color: var(--moim-text);
    font-size: clamp(16px, 4vw, 36px);
    font-weight: 600;
  }
  figcaption {
    position: absolute;
    left: 8px;
    bottom: 8px;
    right: 8px;
    display: flex;
    align-items: center;
    gap: 8px;
    pointer-events: none;
  }
  .name {
    padding: 3px 10px;
    border-radius: 999px;
    background: rgba(15, 17, 21, 0.72);
    font-size: 0.88em;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .state {
    display: inline-flex;
    padding: 4px;
    border-radius: 999px;
    background: rgba(15, 17, 21, 0.72);
  }
  .state.off {
    color: var(--moim-danger);
  }
  .state svg.icon {
    width: 16px;
    height: 16px;
  }
`;
