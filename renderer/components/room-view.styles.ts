import { css } from 'lit';

/** The room view's layout: header, the tile grid or the stage with its strip, side panels and controls. */
export const roomViewStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
    box-sizing: border-box;
    height: 100%;
    padding: 12px 16px 16px;
    min-height: 0;
  }
  .body {
    flex: 1;
    min-height: 0;
    display: flex;
    gap: 12px;
  }
  participant-list,
  chat-panel {
    flex: 0 0 280px;
  }
  main {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template: minmax(0, 1fr) / minmax(0, 1fr);
  }
  .grid {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-auto-rows: minmax(0, 1fr);
    gap: 10px;
    min-height: 0;
  }
  .grid.cols-2 {
    grid-template-columns: repeat(2, minmax(0, 1fr));
  }
  .grid.cols-3 {
    grid-template-columns: repeat(3, minmax(0, 1fr));
  }
  .grid.cols-4 {
    grid-template-columns: repeat(4, minmax(0, 1fr));
  }
  .stage {
    display: grid;
    grid-template-rows: minmax(0, 1fr) 140px;
    gap: 10px;
    min-height: 0;
  }
  .stage.solo {
    grid-template-rows: minmax(0, 1fr);
  }
  .strip {
    display: flex;
    gap: 10px;
    overflow-x: auto;
    min-height: 0;
  }
  .strip video-tile {
    flex: 0 0 220px;
  }
  .empty {
    display: grid;
    place-content: center;
    text-align: center;
    gap: 8px;
    color: var(--moim-muted);
  }
  .empty h2 {
    color: var(--moim-text);
    font-size: 1.3em;
  }
  .hint {
    text-align: center;
    font-size: 0.9em;
  }
  .alert {
    display: flex;
    align-items: center;
    gap: 12px;
  }
  .alert button {
    margin-left: auto;
    min-height: 32px;
  }
  .audio {
    display: none;
  }
`;
